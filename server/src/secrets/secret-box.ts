/*
 * Encrypts secrets (SMTP passwords, OAuth secrets) for storage with AES-256-GCM, with one current key
 * and any number of previous ones (key rotation). Stored form: `enc:v1:<key id>:<iv>:<auth tag>:<ciphertext>`
 * (base64url); the key id is a short hash of the derived key, so the box picks the key that made a
 * secret instead of trying each, and an unknown key is told apart from tampering. Never logs a value.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { PluginError } from '../core/errors';

const PREFIX = 'enc:v1:';

export interface SecretBox {
  /** Encrypts with the current key. */
  encrypt(plain: string): string;
  /** Decrypts with whichever known key made it; `label` names the secret in the error ("password"). */
  decrypt(stored: string, label?: string): string;
  /** The secret encrypted with the current key, or null when it already is. Throws like decrypt. */
  reencrypt(stored: string, label?: string): string | null;
  isEncrypted(value: unknown): boolean;
}

interface DerivedKey {
  id: string;
  key: Buffer;
}

function deriveKey(material: string): DerivedKey {
  // HKDF gives a key dedicated to this purpose, so reusing Strapi's encryption key is safe.
  const key = Buffer.from(hkdfSync('sha256', material, 'strapi-plugin-email-notifications', 'secrets/v1', 32));
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

const unreadable = (message: string) => new PluginError('SECRET_UNREADABLE', message);

export function createSecretBox(keyMaterial: string | undefined | null, previousKeyMaterial: readonly string[] = []): SecretBox {
  if (!keyMaterial) {
    throw new PluginError(
      'SECRET_KEY_MISSING',
      'No encryption key for mailbox secrets: set ENCRYPTION_KEY (Strapi admin.secrets.encryptionKey) ' +
        "or the plugin option 'encryptionKey' (32+ random characters).",
    );
  }
  const current = deriveKey(keyMaterial);
  const keys = [current, ...previousKeyMaterial.filter((m) => m && m !== keyMaterial).map(deriveKey)];

  function encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', current.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return `${PREFIX}${current.id}:${iv.toString('base64url')}:${tag.toString('base64url')}:${ciphertext.toString('base64url')}`;
  }

  /** The plain text and the key that opened it. */
  function open(stored: string, label: string): { plain: string; key: DerivedKey } {
    const parts = stored.startsWith(PREFIX) ? stored.slice(PREFIX.length).split(':') : [];
    if (parts.length !== 4) throw unreadable(`The stored ${label} is not in the encrypted format: re-enter it.`);
    const [keyId, iv, tag, ciphertext] = parts as [string, string, string, string];
    const candidates = keys.filter((k) => k.id === keyId);
    if (!candidates.length) {
      throw unreadable(
        `The stored ${label} was encrypted with a key this Strapi does not know (the encryption key changed): ` +
          "add the key it was saved with to the plugin option 'previousEncryptionKeys' (or set 'encryptionKey' back to it), or re-enter the " +
          `${label}.`,
      );
    }
    // Two keys may share the 32-bit id; GCM's tag tells the right one.
    for (const candidate of candidates) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', candidate.key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
        return { plain, key: candidate };
      } catch {
        // the tag did not match this key: try the next one with the same id
      }
    }
    throw unreadable(`The stored ${label} failed its integrity check (it was altered in the database): re-enter it.`);
  }

  return {
    encrypt,
    decrypt: (stored, label = 'secret') => open(stored, label).plain,
    reencrypt(stored, label = 'secret') {
      const { plain, key } = open(stored, label);
      return key === current ? null : encrypt(plain);
    },
    isEncrypted: (value) => typeof value === 'string' && value.startsWith(PREFIX),
  };
}
