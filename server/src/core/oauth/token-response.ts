/*
 * What a token endpoint's answer means (RFC 6749 §5): new tokens, or a failure that is either the
 * mailbox's (consent revoked, client refused: an admin must act) or passing (5xx, network). Pure: the
 * HTTP call is oauth/token-endpoint.ts; the clock comes in. Messages never contain a token.
 */

export interface IssuedTokens {
  accessToken: string;
  expiresAt: Date;
  /** A new refresh token when the provider rotates them (Microsoft does), else null. */
  refreshToken: string | null;
}

export type TokenFailureKind = 'revoked' | 'refused' | 'transient';

export interface TokenFailure {
  kind: TokenFailureKind;
  /** The plain explanation an admin reads (mailbox health, attempt history, sign-in result). */
  message: string;
}

export type TokenAnswer = { ok: true; tokens: IssuedTokens } | { ok: false; failure: TokenFailure };

/** Tokens without `expires_in` are taken to last an hour, the common lifetime. */
const DEFAULT_LIFETIME_S = 3600;

const FIX: Record<string, string> = {
  invalid_client: 'the client id or client secret was refused: check them against the app registration',
  unauthorized_client: 'the app registration may not use this grant: allow the authorization code flow and refresh tokens for it',
  invalid_scope: 'the scopes were refused: grant the app the SMTP permission (Microsoft: SMTP.Send; Google: https://mail.google.com/)',
  invalid_request: 'the token endpoint refused the request: check the token URL, the client id and the tenant',
};

export const REVOKED_MESSAGE = 'Sign in again: the refresh token was revoked or expired (invalid_grant).';

export function interpretTokenResponse(status: number, body: unknown, now: Date): TokenAnswer {
  const json = (typeof body === 'object' && body ? body : {}) as Record<string, unknown>;
  const error = typeof json.error === 'string' ? json.error : null;
  if (status >= 200 && status < 300 && !error) {
    if (typeof json.access_token !== 'string' || !json.access_token) {
      return fail('refused', 'The token endpoint answered without an access token: check the token URL.');
    }
    const lifetime = Number(json.expires_in);
    const seconds = Number.isFinite(lifetime) && lifetime > 0 ? lifetime : DEFAULT_LIFETIME_S;
    return {
      ok: true,
      tokens: {
        accessToken: json.access_token,
        expiresAt: new Date(now.getTime() + seconds * 1000),
        refreshToken: typeof json.refresh_token === 'string' && json.refresh_token ? json.refresh_token : null,
      },
    };
  }
  if (status >= 500 || status === 429 || (!error && status >= 400)) {
    return fail('transient', `The OAuth2 token endpoint is not answering properly (HTTP ${status}); the token is requested again later.`);
  }
  if (error === 'invalid_grant') return fail('revoked', REVOKED_MESSAGE);
  const reason = FIX[error ?? ''] ?? `the token endpoint refused the request (${error})`;
  return fail('refused', `OAuth2 sign-in failed: ${reason} (${error}).`);
}

/** The token endpoint could not be reached at all. */
export function unreachableTokenEndpoint(detail: string): TokenFailure {
  return { kind: 'transient', message: `The OAuth2 token endpoint could not be reached (${detail}); the token is requested again later.` };
}

/** An OAuth2 mailbox nobody signed in yet. */
export const NOT_SIGNED_IN: TokenFailure = {
  kind: 'refused',
  message: 'Not signed in: use "Sign in" in the mailbox form (or enter a refresh token) before this mailbox can send.',
};

function fail(kind: TokenFailureKind, message: string): TokenAnswer {
  return { ok: false, failure: { kind, message } };
}

/** Whether a token expiring at `expiresAt` must be refreshed now (it expires within `marginMs`). */
export function needsRefresh(expiresAt: Date | null, now: Date, marginMs: number): boolean {
  return !expiresAt || expiresAt.getTime() - now.getTime() <= marginMs;
}

/** The SMTP server refused the access token itself (535/534 to AUTH XOAUTH2): worth one refresh. */
export function isRefusedAccessToken(error: unknown): boolean {
  const e = (error ?? {}) as { code?: string; command?: string; responseCode?: number };
  return e.code === 'EAUTH' && (e.command ?? '').toUpperCase() === 'AUTH XOAUTH2' && (e.responseCode === 535 || e.responseCode === 534);
}
