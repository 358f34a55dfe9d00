/*
 * Reads the OAuth2 columns of one mailbox row and decrypts its secrets, for the token store and the
 * sign-in. Read-only: writes go through token-store.ts (tokens) and mailboxes/mailbox-store.ts (settings).
 */
import type { Core } from '@strapi/strapi';
import { getEncryptionKeys } from '../config/plugin-config';
import { MAILBOX_UID } from '../content-types/uids';
import { NotFoundError } from '../core/errors';
import { resolveEndpoints, type OAuthEndpoints, type OAuthProvider } from '../core/oauth/providers';
import { createSecretBox, type SecretBox } from '../secrets/secret-box';

export const OAUTH_COLUMNS = [
  'id',
  'documentId',
  'name',
  'authType',
  'authUser',
  'oauthProvider',
  'oauthTenant',
  'oauthClientId',
  'oauthClientSecret',
  'oauthRefreshToken',
  'oauthAccessUrl',
  'oauthAuthorizeUrl',
  'oauthScope',
  'oauthAccessToken',
  'oauthAccessTokenExpiresAt',
  'oauthRefreshFailure',
  'oauthRefreshFailedAt',
] as const;

export interface OAuthRow {
  id: number;
  documentId: string;
  name: string;
  authType: string;
  authUser: string | null;
  oauthProvider: OAuthProvider | null;
  oauthTenant: string | null;
  oauthClientId: string | null;
  oauthClientSecret: string | null;
  oauthRefreshToken: string | null;
  oauthAccessUrl: string | null;
  oauthAuthorizeUrl: string | null;
  oauthScope: string | null;
  oauthAccessToken: string | null;
  oauthAccessTokenExpiresAt: string | Date | null;
  oauthRefreshFailure: string | null;
  oauthRefreshFailedAt: string | Date | null;
}

/** A mailbox's OAuth2 settings with secrets decrypted. Never leaves the server. */
export interface OAuthMailbox {
  row: OAuthRow;
  endpoints: OAuthEndpoints;
  clientId: string;
  clientSecret: string | null;
  refreshToken: string | null;
  accessToken: { token: string; expiresAt: Date } | null;
}

export function createOAuthRows(strapi: Core.Strapi) {
  const box = (): SecretBox => {
    const keys = getEncryptionKeys(strapi);
    return createSecretBox(keys.current, keys.previous);
  };

  async function read(mailboxId: string): Promise<OAuthMailbox> {
    const row = (await strapi.db.query(MAILBOX_UID).findOne({ where: { documentId: mailboxId }, select: [...OAUTH_COLUMNS] })) as OAuthRow | null;
    if (!row) throw new NotFoundError('Mailbox', mailboxId);
    return open(row);
  }

  function open(row: OAuthRow): OAuthMailbox {
    const secrets = box();
    const decrypt = (value: string | null, label: string) => (value ? secrets.decrypt(value, label) : null);
    const accessToken = readableOrNull(() => decrypt(row.oauthAccessToken, 'OAuth access token'));
    return {
      row,
      endpoints: resolveEndpoints({
        oauthProvider: row.oauthProvider ?? 'custom',
        oauthTenant: row.oauthTenant ?? '',
        oauthAccessUrl: row.oauthAccessUrl ?? '',
        oauthAuthorizeUrl: row.oauthAuthorizeUrl ?? '',
        oauthScope: row.oauthScope ?? '',
      }),
      clientId: row.oauthClientId ?? '',
      clientSecret: decrypt(row.oauthClientSecret, 'OAuth client secret'),
      refreshToken: decrypt(row.oauthRefreshToken, 'OAuth refresh token'),
      accessToken: accessToken && row.oauthAccessTokenExpiresAt ? { token: accessToken, expiresAt: new Date(row.oauthAccessTokenExpiresAt) } : null,
    };
  }

  return { read, encrypt: (plain: string) => box().encrypt(plain), decrypt: (stored: string) => box().decrypt(stored, 'OAuth sign-in verifier') };
}

export type OAuthRows = ReturnType<typeof createOAuthRows>;

/** An access token no key opens is simply asked for again: it is a cache, not a credential an admin gave. */
function readableOrNull(decrypt: () => string | null): string | null {
  try {
    return decrypt();
  } catch {
    return null;
  }
}
