/*
 * DKIM key pairs with node:crypto: generates RSA 2048 or Ed25519 keys, reads a pasted PEM private key,
 * and derives the public key for the TXT record (`p=`). Returns the private key as PEM for the
 * mailbox store to encrypt; never logs or returns it anywhere else.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { DkimAlgorithm } from '../core/deliverability/dkim-keyring';
import { InputError } from '../core/errors';

export interface KeyMaterial {
  algorithm: DkimAlgorithm;
  privateKeyPem: string;
  /** The TXT record's `p=` value. */
  publicKey: string;
}

const RSA_BITS = 2048;
const MIN_RSA_BITS = 1024;
/** An Ed25519 SubjectPublicKeyInfo is this 12-byte prefix plus the raw 32-byte key, which DKIM publishes alone (RFC 8463). */
const ED25519_SPKI_PREFIX_BYTES = 12;

export function generateKeyMaterial(algorithm: DkimAlgorithm): KeyMaterial {
  const { privateKey } = algorithm === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: RSA_BITS }) : generateKeyPairSync('ed25519');
  return materialOf(privateKey, algorithm);
}

/** A pasted key: PEM (PKCS#8 or PKCS#1), RSA of 1024+ bits or Ed25519, and the algorithm asked for if one was. */
export function readKeyMaterial(pem: string, algorithm: DkimAlgorithm | undefined): KeyMaterial {
  let key: KeyObject;
  try {
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) throw new Error('no PEM header');
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new InputError([{ path: 'privateKey', message: 'is not a PEM private key: paste the whole key including the -----BEGIN PRIVATE KEY----- and -----END PRIVATE KEY----- lines (no passphrase)' }]);
  }
  const type = key.asymmetricKeyType;
  if (type !== 'rsa' && type !== 'ed25519') {
    throw new InputError([{ path: 'privateKey', message: `is a ${type ?? 'unknown'} key: DKIM signs with RSA or Ed25519 keys` }]);
  }
  if (algorithm && algorithm !== type) {
    throw new InputError([{ path: 'algorithm', message: `is "${algorithm}" but the pasted key is ${type}: leave algorithm out or set it to "${type}"` }]);
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (type === 'rsa' && bits < MIN_RSA_BITS) {
    throw new InputError([{ path: 'privateKey', message: `is a ${bits}-bit RSA key: receivers ignore keys under ${MIN_RSA_BITS} bits, use 2048` }]);
  }
  return materialOf(key, type);
}

function materialOf(privateKey: KeyObject, algorithm: DkimAlgorithm): KeyMaterial {
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const publicKey = (algorithm === 'ed25519' ? spki.subarray(ED25519_SPKI_PREFIX_BYTES) : spki).toString('base64');
  return { algorithm, privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey };
}

/** Whether a public key (PEM, as mailauth returns what DNS publishes) is the one of our record. */
export function samePublicKey(publishedPem: string, ours: { algorithm: DkimAlgorithm; publicKey: string }): boolean {
  try {
    const published = createPublicKey(publishedPem).export({ type: 'spki', format: 'der' });
    const mine = ours.algorithm === 'ed25519' ? published.subarray(ED25519_SPKI_PREFIX_BYTES) : published;
    return mine.toString('base64') === ours.publicKey;
  } catch {
    return false;
  }
}
