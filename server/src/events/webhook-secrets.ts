/*
 * The per-rule web-hook secret: `whsec_` + base64 of 24 random bytes (the format Standard Webhooks
 * libraries take), encrypted at rest with the plugin's secret box. It is shown once, when made; it is
 * never logged nor returned by a read, and only the runner opens it to sign a call.
 */
import type { Core } from '@strapi/strapi';
import { randomBytes } from 'node:crypto';
import { getEncryptionKeys } from '../config/plugin-config';
import { createSecretBox } from '../secrets/secret-box';

const SECRET_BYTES = 24;

export function createWebhookSecrets(strapi: Core.Strapi) {
  const box = () => {
    const keys = getEncryptionKeys(strapi);
    return createSecretBox(keys.current, keys.previous);
  };
  return {
    /** A new secret: its plain form (to show once) and its stored form. */
    generate(): { plain: string; stored: string } {
      const plain = `whsec_${randomBytes(SECRET_BYTES).toString('base64')}`;
      return { plain, stored: box().encrypt(plain) };
    },
    open: (stored: string) => box().decrypt(stored, 'web-hook secret'),
    /** The stored form under the current key, or null when it already is (key rotation at start). */
    reencrypt: (stored: string) => box().reencrypt(stored, 'web-hook secret'),
  };
}

export type WebhookSecrets = ReturnType<typeof createWebhookSecrets>;
