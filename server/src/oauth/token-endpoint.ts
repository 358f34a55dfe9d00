/*
 * Talks to an OAuth2 token endpoint (RFC 6749 §4.1.3 code exchange, §6 refresh) with a form POST and
 * returns what core/oauth/token-response makes of the answer. Never logs or returns a token in a
 * message; never stores anything (token-store.ts and sign-in.ts do).
 */
import { interpretTokenResponse, unreachableTokenEndpoint, type TokenAnswer, type TokenFailure } from '../core/oauth/token-response';

const TIMEOUT_MS = 15_000;

/** A failed token request, shaped like a nodemailer error so delivery classifies it like one. */
export class TokenError extends Error {
  readonly code: 'EOAUTH2' | 'EOAUTH2_UNAVAILABLE';
  /** Set only for a refused grant: delivery reads an AUTH command as "the login failed". */
  readonly command: 'AUTH XOAUTH2' | null;
  readonly kind: TokenFailure['kind'];

  constructor(failure: TokenFailure) {
    super(failure.message);
    this.name = 'TokenError';
    this.kind = failure.kind;
    // A revoked or refused grant needs an admin (the mailbox's circuit opens); the rest passes.
    const passing = failure.kind === 'transient';
    this.code = passing ? 'EOAUTH2_UNAVAILABLE' : 'EOAUTH2';
    this.command = passing ? null : 'AUTH XOAUTH2';
  }
}

export interface ClientCredentials {
  clientId: string;
  clientSecret: string | null;
}

export async function requestTokens(tokenUrl: string, client: ClientCredentials, grant: Record<string, string>, now: () => Date = () => new Date()): Promise<TokenAnswer> {
  const form = new URLSearchParams({ ...grant, client_id: client.clientId });
  if (client.clientSecret) form.set('client_secret', client.clientSecret);
  let response: Response;
  try {
    response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, failure: unreachableTokenEndpoint(cause ?? (error as Error).name ?? 'network error') };
  }
  const text = await response.text().catch(() => '');
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return interpretTokenResponse(response.status, body, now());
}

/** A refresh-token grant (RFC 6749 §6). */
export function refreshGrant(refreshToken: string, scope: string): Record<string, string> {
  return { grant_type: 'refresh_token', refresh_token: refreshToken, ...(scope ? { scope } : {}) };
}
