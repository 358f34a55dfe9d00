/*
 * Started sign-ins (rows of oauth-sign-in): the state's hash, the mailbox, the admin who started it and
 * the PKCE verifier (encrypted), until the browser comes back or the row expires. The only writer of
 * these rows. A state is used at most once: taking it deletes it, and only the delete that removed the
 * row counts.
 */
import type { Core } from '@strapi/strapi';
import { createHash } from 'node:crypto';
import { OAUTH_SIGN_IN_UID } from '../content-types/uids';

/** How long a started sign-in may take (the provider's sign-in page, MFA and consent included). */
export const SIGN_IN_TTL_MS = 10 * 60_000;

export interface PendingSignIn {
  mailbox: string;
  adminUserId: number;
  codeVerifier: string;
  redirectUri: string;
}

interface SignInRow extends Omit<PendingSignIn, 'codeVerifier'> {
  id: number;
  codeVerifier: string;
  expiresAt: string | Date;
}

const hashOf = (state: string) => createHash('sha256').update(state).digest('hex');

export function createSignInStore(strapi: Core.Strapi, secrets: { encrypt(plain: string): string; decrypt(stored: string): string }) {
  const query = () => strapi.db.query(OAUTH_SIGN_IN_UID);

  return {
    async save(state: string, pending: PendingSignIn, now: Date) {
      await query().deleteMany({ where: { expiresAt: { $lt: now } } });
      await query().create({
        data: { ...pending, stateHash: hashOf(state), codeVerifier: secrets.encrypt(pending.codeVerifier), expiresAt: new Date(now.getTime() + SIGN_IN_TTL_MS) },
      });
    },
    /** The sign-in this state started, once; null when unknown, used already or expired. */
    async take(state: string, now: Date): Promise<PendingSignIn | null> {
      const row = (await query().findOne({ where: { stateHash: hashOf(state) } })) as SignInRow | null;
      if (!row) return null;
      const { count } = await query().deleteMany({ where: { id: row.id } });
      if (!count || new Date(row.expiresAt).getTime() < now.getTime()) return null;
      return { mailbox: row.mailbox, adminUserId: row.adminUserId, redirectUri: row.redirectUri, codeVerifier: secrets.decrypt(row.codeVerifier) };
    },
  };
}
