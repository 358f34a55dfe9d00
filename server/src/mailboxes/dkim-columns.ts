/*
 * How a mailbox row holds its DKIM keys: the keyring (public parts, states) as JSON, the private keys
 * by selector as one encrypted JSON secret. Used by mailbox-store, the only writer of the row; the
 * decrypted keys go to the transport only, never into a response or a log.
 */
import { readKeyring, signingKeys, type DkimKey, type DkimSigningKey } from '../core/deliverability/dkim-keyring';
import { STORED_SECRET_LABELS } from '../core/mailboxes/mailbox-input';
import type { SecretBox } from '../secrets/secret-box';
import type { StoredMailbox } from './mailbox-dto';

export function createDkimColumns(secretBox: () => SecretBox) {
  /** The private keys by selector (decrypted); throws like any secret no known key opens. */
  function privateKeysOf(row: Pick<StoredMailbox, 'dkimPrivateKeys'>): Record<string, string> {
    if (!row.dkimPrivateKeys) return {};
    return JSON.parse(secretBox().decrypt(row.dkimPrivateKeys, STORED_SECRET_LABELS.dkimPrivateKeys)) as Record<string, string>;
  }

  return {
    privateKeysOf,
    /** The keys every message is signed with: the active key of each algorithm, with its private key. */
    signingOf(row: Pick<StoredMailbox, 'dkimKeys' | 'dkimPrivateKeys'>): DkimSigningKey[] {
      const active = signingKeys(readKeyring(row.dkimKeys));
      if (!active.length) return [];
      const pems = privateKeysOf(row);
      return active.filter((k) => pems[k.selector]).map((k) => ({ domain: k.domain, selector: k.selector, algorithm: k.algorithm, privateKey: pems[k.selector]! }));
    },
    /** The two columns for a keyring; private keys of keys no longer in it are dropped. */
    columnsOf(keys: DkimKey[], privateKeys: Record<string, string>) {
      const kept = Object.fromEntries(keys.map((k) => [k.selector, privateKeys[k.selector]]).filter(([, pem]) => pem));
      return { dkimKeys: keys, dkimPrivateKeys: Object.keys(kept).length ? secretBox().encrypt(JSON.stringify(kept)) : null };
    },
  };
}
