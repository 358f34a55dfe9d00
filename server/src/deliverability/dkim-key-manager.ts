/*
 * The DKIM key manager behind `POST mailboxes/:id/dkim` and its rotation routes: generates or reads a
 * key, applies the keyring's rules (core/deliverability/dkim-keyring) and has the mailbox store, the
 * only writer of mailbox rows, keep it encrypted. Answers the TXT record to publish, never a key.
 */
import { addKey, dkimAlgorithmInputSchema, dkimKeyInputSchema, dkimRecord, retireKey, switchKey, type DkimKey, type DnsRecord } from '../core/deliverability/dkim-keyring';
import { InputError } from '../core/errors';
import { parseInput } from '../core/parse-input';
import type { MailboxStore } from '../mailboxes/mailbox-store';
import { generateKeyMaterial, readKeyMaterial } from './dkim-key-material';
import { observeKey } from './domain-checks';
import type { DnsResolve } from './dns-resolver';

export interface DkimKeyManagerDeps {
  mailboxes: Pick<MailboxStore, 'changeDkim' | 'dkimKeysOf'>;
  resolver(): DnsResolve;
  now(): Date;
}

type Answer = DnsRecord & { selector: string; algorithm: DkimKey['algorithm']; status: DkimKey['status'] };

const answerOf = (key: DkimKey): Answer => ({ ...dkimRecord(key), selector: key.selector, algorithm: key.algorithm, status: key.status });

function applied(change: ReturnType<typeof addKey>) {
  if ('problems' in change) throw new InputError(change.problems);
  return change;
}

export function createDkimKeyManager(deps: DkimKeyManagerDeps) {
  return {
    /** Adds a generated or pasted key: signing at once if it is the mailbox's first of its algorithm, else pending. */
    async addKey(id: string, body: unknown): Promise<Answer> {
      const input = parseInput(dkimKeyInputSchema, body);
      const algorithm = input.algorithm ?? 'rsa';
      const material = input.privateKey ? readKeyMaterial(input.privateKey, input.algorithm) : generateKeyMaterial(algorithm);
      const key = { domain: input.domain, selector: input.selector, algorithm: material.algorithm, publicKey: material.publicKey, createdAt: deps.now().toISOString() };
      return deps.mailboxes.changeDkim(id, (keys, privateKeys) => {
        const change = applied(addKey(keys, key));
        return { keys: change.keys, privateKeys: { ...privateKeys, [key.selector]: material.privateKeyPem }, result: answerOf(change.added) };
      });
    },

    /**
     * Switches to the pending key. Its record must be published first (that is what makes the rotation
     * gap-free); `force: true` switches anyway, for DNS this server cannot see.
     */
    async switchKey(id: string, body: unknown): Promise<Answer> {
      const input = parseInput(dkimAlgorithmInputSchema, body);
      const pending = (await deps.mailboxes.dkimKeysOf(id)).find((k) => k.algorithm === input.algorithm && k.status === 'pending');
      if (pending && !input.force) await assertPublished(deps.resolver(), pending);
      return deps.mailboxes.changeDkim(id, (keys, privateKeys) => {
        const change = applied(switchKey(keys, input.algorithm));
        return { keys: change.keys, privateKeys, result: answerOf(change.added) };
      });
    },

    /** Drops the retiring key (and its private key): its TXT record may be deleted now. */
    async retireKey(id: string, body: unknown): Promise<Answer> {
      const input = parseInput(dkimAlgorithmInputSchema, body);
      return deps.mailboxes.changeDkim(id, (keys, privateKeys) => {
        const change = applied(retireKey(keys, input.algorithm));
        return { keys: change.keys, privateKeys, result: answerOf(change.added) };
      });
    },

    /** Stops signing: every key of the mailbox is removed. */
    async removeAll(id: string): Promise<void> {
      await deps.mailboxes.changeDkim(id, () => ({ keys: [], privateKeys: {}, result: undefined }));
    },
  };
}

async function assertPublished(resolve: DnsResolve, key: DkimKey) {
  const record = dkimRecord(key);
  const seen = await observeKey(resolve, record.name, key);
  if (seen.kind === 'match') return;
  const why = seen.kind === 'none' ? 'is not published yet' : seen.kind === 'error' ? `could not be read (${seen.error})` : 'holds a different key';
  throw new InputError([{ path: 'algorithm', message: `the pending key's record ${record.name} ${why}: publish ${record.value}, then switch when DNS shows it (or send "force": true)` }]);
}

export type DkimKeyManager = ReturnType<typeof createDkimKeyManager>;
