/*
 * OAuth2 access tokens of mailboxes, shared by every instance on the database: the token (encrypted)
 * and its expiry live on the mailbox row, with a refresh lease, so one instance refreshes while the
 * others wait and read its token. Refreshes before expiry (REFRESH_MARGIN_MS) and after a refused
 * token. The only writer of the token columns and of a rotated or signed-in refresh token. Never logs a token.
 */
import type { Core } from '@strapi/strapi';
import { randomUUID } from 'node:crypto';
import { MAILBOX_UID } from '../content-types/uids';
import { needsRefresh, NOT_SIGNED_IN, type IssuedTokens, type TokenFailure } from '../core/oauth/token-response';
import { createOAuthRows, type OAuthMailbox } from './mailbox-oauth-row';
import { refreshGrant, requestTokens, TokenError } from './token-endpoint';

/** A token that expires within this is refreshed before use. */
export const REFRESH_MARGIN_MS = 5 * 60_000;
const LEASE_MS = 30_000;
/** How long an instance waits for another one's refresh before it gives up for this attempt. */
const WAIT_MS = 20_000;
const POLL_MS = 100;

interface CachedToken {
  token: string;
  expiresAt: Date;
}

export function createTokenStore(strapi: Core.Strapi) {
  const owner = `token:${randomUUID()}`;
  const rows = createOAuthRows(strapi);
  const cache = new Map<string, CachedToken>();
  const inflight = new Map<string, Promise<string>>();
  const query = () => strapi.db.query(MAILBOX_UID);
  const usable = (token: CachedToken | null, avoid: string | null): token is CachedToken =>
    !!token && token.token !== avoid && !needsRefresh(token.expiresAt, new Date(), REFRESH_MARGIN_MS);

  function remember(mailboxId: string, token: CachedToken): string {
    cache.set(mailboxId, token);
    return token.token;
  }

  /** The lease is a compare-and-set on the row: whoever's UPDATE matched a free (or expired) lease holds it. */
  async function takeLease(mailboxId: string): Promise<boolean> {
    const now = new Date();
    const { count } = await query().updateMany({
      where: { documentId: mailboxId, $or: [{ oauthRefreshLeaseUntil: null }, { oauthRefreshLeaseUntil: { $lt: now } }] },
      data: { oauthRefreshLeaseOwner: owner, oauthRefreshLeaseUntil: new Date(now.getTime() + LEASE_MS) },
    });
    return count > 0;
  }

  const releaseLease = (mailboxId: string) =>
    query().updateMany({ where: { documentId: mailboxId, oauthRefreshLeaseOwner: owner }, data: { oauthRefreshLeaseOwner: null, oauthRefreshLeaseUntil: null } });

  /** The holder of the lease: another instance may have refreshed just before; else ask the endpoint. */
  async function refreshHoldingLease(mailboxId: string, avoid: string | null): Promise<string> {
    const mailbox = await rows.read(mailboxId);
    if (usable(mailbox.accessToken, avoid)) return remember(mailboxId, mailbox.accessToken);
    const answer = mailbox.refreshToken
      ? await requestTokens(mailbox.endpoints.tokenUrl ?? '', { clientId: mailbox.clientId, clientSecret: mailbox.clientSecret }, refreshGrant(mailbox.refreshToken, mailbox.endpoints.scope))
      : { ok: false as const, failure: NOT_SIGNED_IN };
    if (!answer.ok) {
      await recordFailure(mailbox, answer.failure);
      throw new TokenError(answer.failure);
    }
    await storeTokens(mailbox, answer.tokens);
    return remember(mailboxId, { token: answer.tokens.accessToken, expiresAt: answer.tokens.expiresAt });
  }

  /** Written only if the refresh token is still the one used: an admin who signed in meanwhile wins. */
  async function storeTokens(mailbox: OAuthMailbox, tokens: IssuedTokens) {
    const rotated = tokens.refreshToken && tokens.refreshToken !== mailbox.refreshToken ? { oauthRefreshToken: rows.encrypt(tokens.refreshToken) } : {};
    await query().updateMany({
      where: { documentId: mailbox.row.documentId, oauthRefreshToken: mailbox.row.oauthRefreshToken },
      data: { oauthAccessToken: rows.encrypt(tokens.accessToken), oauthAccessTokenExpiresAt: tokens.expiresAt, oauthRefreshFailure: null, oauthRefreshFailedAt: null, ...rotated },
    });
  }

  /** Instances waiting for this refresh read the failure instead of asking the endpoint again. */
  async function recordFailure(mailbox: OAuthMailbox, failure: TokenFailure) {
    await query().updateMany({
      where: { documentId: mailbox.row.documentId },
      data: { oauthRefreshFailure: JSON.stringify(failure), oauthRefreshFailedAt: new Date() },
    });
  }

  function failureSince(mailbox: OAuthMailbox, since: Date): TokenFailure | null {
    const at = mailbox.row.oauthRefreshFailedAt ? new Date(mailbox.row.oauthRefreshFailedAt).getTime() : 0;
    if (!mailbox.row.oauthRefreshFailure || at < since.getTime()) return null;
    return JSON.parse(mailbox.row.oauthRefreshFailure) as TokenFailure;
  }

  /**
   * A fresh token other than `avoid` (the expired or refused one): one instance holds the lease and
   * refreshes; the others poll the row until its token (or its failure) is there.
   */
  function refresh(mailboxId: string, avoid: string | null): Promise<string> {
    // Concurrent sends of this instance share one refresh.
    const running = inflight.get(mailboxId);
    if (running) return running;
    const next = refreshShared(mailboxId, avoid).finally(() => inflight.delete(mailboxId));
    inflight.set(mailboxId, next);
    return next;
  }

  async function refreshShared(mailboxId: string, avoid: string | null): Promise<string> {
    const started = new Date();
    for (;;) {
      if (await takeLease(mailboxId)) {
        try {
          return await refreshHoldingLease(mailboxId, avoid);
        } finally {
          await releaseLease(mailboxId);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const mailbox = await rows.read(mailboxId);
      if (usable(mailbox.accessToken, avoid)) return remember(mailboxId, mailbox.accessToken);
      const failure = failureSince(mailbox, started);
      if (failure) throw new TokenError(failure);
      if (Date.now() - started.getTime() > WAIT_MS) {
        throw new TokenError({ kind: 'transient', message: 'Another Strapi instance is refreshing the OAuth2 access token and has not finished; the message is sent later.' });
      }
    }
  }

  return {
    /** A usable access token for the mailbox: cached, stored by another instance, or refreshed now. */
    async accessToken(mailboxId: string): Promise<string> {
      const cached = cache.get(mailboxId) ?? null;
      if (usable(cached, null)) return cached.token;
      const mailbox = await rows.read(mailboxId);
      const stale = mailbox.accessToken?.token ?? null;
      if (usable(mailbox.accessToken, null)) return remember(mailboxId, mailbox.accessToken);
      return refresh(mailboxId, stale);
    },
    /** The server refused `refused` (SMTP 535): a newer token, refreshed once for all instances. */
    async afterRefusal(mailboxId: string, refused: string): Promise<string> {
      cache.delete(mailboxId);
      return refresh(mailboxId, refused);
    },
    /** Tokens from a completed sign-in: the new refresh token, and its first access token. */
    async storeSignIn(mailboxId: string, tokens: IssuedTokens & { refreshToken: string }, now: Date) {
      cache.delete(mailboxId);
      await query().updateMany({
        where: { documentId: mailboxId },
        data: {
          oauthRefreshToken: rows.encrypt(tokens.refreshToken),
          oauthAccessToken: rows.encrypt(tokens.accessToken),
          oauthAccessTokenExpiresAt: tokens.expiresAt,
          oauthSignedInAt: now,
          oauthRefreshFailure: null,
          oauthRefreshFailedAt: null,
        },
      });
    },
    /** The mailbox's OAuth2 settings changed: forget this instance's copy of its token. */
    forget: (mailboxId: string) => void cache.delete(mailboxId),
  };
}

export type TokenStore = ReturnType<typeof createTokenStore>;
