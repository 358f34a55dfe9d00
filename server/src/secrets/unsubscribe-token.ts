/*
 * Signed unsubscribe tokens: `<payload>.<signature>` (base64url), the payload naming the recipient
 * address and the opt-out scope, the signature an HMAC-SHA256 with a key derived (HKDF) from the
 * plugin's encryption key. Tokens made with a previous key still verify, so a key rotation does not
 * break links in mail already delivered. Verification never throws: it answers null for a bad token.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { PluginError } from '../core/errors';

export interface UnsubscribeClaim {
  /** The recipient address, lower case. */
  address: string;
  /** What the recipient opts out of: `category:<name>` or `rule:<id>`. */
  scope: string;
}

export interface UnsubscribeTokens {
  sign(claim: UnsubscribeClaim): string;
  verify(token: string): UnsubscribeClaim | null;
}

/** 128 bits of the HMAC: unforgeable, and the link stays short. */
const SIGNATURE_BYTES = 16;
const MAX_TOKEN_LENGTH = 1200;

function deriveKey(material: string): Buffer {
  // A key of its own (not the one that encrypts secrets), from the same material.
  return Buffer.from(hkdfSync('sha256', material, 'strapi-plugin-email-notifications', 'unsubscribe/v1', 32));
}

const signatureOf = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest().subarray(0, SIGNATURE_BYTES);

export function createUnsubscribeTokens(keyMaterial: string | undefined | null, previousKeyMaterial: readonly string[] = []): UnsubscribeTokens {
  if (!keyMaterial) {
    throw new PluginError('SECRET_KEY_MISSING', "No encryption key to sign unsubscribe links: set ENCRYPTION_KEY (Strapi admin.secrets.encryptionKey) or the plugin option 'encryptionKey'.");
  }
  const current = deriveKey(keyMaterial);
  const keys = [current, ...previousKeyMaterial.filter((m) => m && m !== keyMaterial).map(deriveKey)];

  return {
    sign(claim) {
      const payload = Buffer.from(JSON.stringify({ a: claim.address.toLowerCase(), s: claim.scope }), 'utf8').toString('base64url');
      return `${payload}.${signatureOf(current, payload).toString('base64url')}`;
    },
    verify(token) {
      if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null;
      const [payload, signature, ...rest] = token.split('.');
      if (!payload || !signature || rest.length) return null;
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== SIGNATURE_BYTES || given.toString('base64url') !== signature) return null;
      if (!keys.some((key) => timingSafeEqual(signatureOf(key, payload), given))) return null;
      try {
        const claim = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { a?: unknown; s?: unknown };
        return typeof claim.a === 'string' && typeof claim.s === 'string' ? { address: claim.a, scope: claim.s } : null;
      } catch {
        return null;
      }
    },
  };
}
