/*
 * Encrypts secrets (SMTP passwords, OAuth secrets) for storage with AES-256-GCM.
 * Stored form: `enc:v1:<key id>:<iv>:<auth tag>:<ciphertext>` (base64url). The key id is a short hash
 * of the key, so a changed key is reported as such instead of as corrupt data. Never logs a value.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { PluginError } from '../core/errors';

const PREFIX = 'enc:v1:';

export interface SecretBox {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  isEncrypted(value: unknown): boolean;
}

export function createSecretBox(keyMaterial: string | undefined | null): SecretBox {
  if (!keyMaterial) {
    throw new PluginError(
      'SECRET_KEY_MISSING',
      'No encryption key for mailbox secrets: set ENCRYPTION_KEY (Strapi admin.secrets.encryptionKey) ' +
        "or the plugin option 'encryptionKey' (32+ random characters).",
    );
  }
  // HKDF gives a key dedicated to this purpose, so reusing Strapi's encryption key is safe.
  const key = Buffer.from(hkdfSync('sha256', keyMaterial, 'strapi-plugin-email-notifications', 'secrets/v1', 32));
  const keyId = createHash('sha256').update(key).digest('hex').slice(0, 8);

  return {
    encrypt(plain: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return `${PREFIX}${keyId}:${iv.toString('base64url')}:${tag.toString('base64url')}:${ciphertext.toString('base64url')}`;
    },
    decrypt(stored: string): string {
      const parts = stored.startsWith(PREFIX) ? stored.slice(PREFIX.length).split(':') : [];
      if (parts.length !== 4) {
        throw new PluginError('SECRET_UNREADABLE', 'A stored secret is not in the encrypted format; re-enter it.');
      }
      const [storedKeyId, iv, tag, ciphertext] = parts as [string, string, string, string];
      if (storedKeyId !== keyId) {
        throw new PluginError(
          'SECRET_UNREADABLE',
          'A stored secret was encrypted with a different key (the encryption key changed); re-enter the password.',
        );
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new PluginError('SECRET_UNREADABLE', 'A stored secret failed its integrity check; re-enter it.');
      }
    },
    isEncrypted(value: unknown): boolean {
      return typeof value === 'string' && value.startsWith(PREFIX);
    },
  };
}
