/*
 * The only shape in which a mailbox leaves the server: an allow-list of fields. Secrets never appear;
 * the response says whether one is set (`hasPassword`, `dkim.hasKey`). Add a field here deliberately, never by spread.
 */
import { dkimView, readKeyring } from '../core/deliverability/dkim-keyring';
import { mailboxWarnings, readSpfHostCheck } from '../core/deliverability/mailbox-warnings';
import { resolveEndpoints, scopeList, type OAuthProvider } from '../core/oauth/providers';

export interface StoredMailbox {
  id: number;
  documentId: string;
  name: string;
  direction: 'out' | 'in';
  enabled: boolean;
  source: 'admin' | 'config';
  fromAddress: string;
  displayName: string | null;
  host: string;
  port: number;
  security: 'none' | 'ssl' | 'starttls';
  tlsRejectUnauthorized: boolean;
  authType: 'none' | 'login' | 'oauth2';
  authUser: string | null;
  password: string | null;
  oauthProvider: OAuthProvider | null;
  oauthTenant: string | null;
  oauthClientId: string | null;
  oauthClientSecret: string | null;
  oauthRefreshToken: string | null;
  oauthAccessUrl: string | null;
  oauthAuthorizeUrl: string | null;
  oauthScope: string | null;
  oauthAccessToken: string | null;
  oauthAccessTokenExpiresAt: string | null;
  oauthSignedInAt: string | null;
  oauthRefreshFailure: string | null;
  subjectPrefix: string | null;
  allowedRecipients: 'anyone' | 'registered';
  excludeExpression: string | null;
  isDefault: boolean;
  priority: number;
  weight: number;
  poolSize: number;
  rateLimitPerMinute: number;
  dailyQuota: number;
  latitude: number | null;
  longitude: number | null;
  countryCode: string | null;
  circuitOpenUntil: string | null;
  consecutiveFailures: number;
  lastFailure: string | null;
  lastFailureAt: string | null;
  lastSuccessAt: string | null;
  /** The DKIM keyring (public parts and states; see core/deliverability/dkim-keyring). */
  dkimKeys: unknown;
  /** The DKIM private keys by selector, encrypted JSON. */
  dkimPrivateKeys: string | null;
  /** What the last DNS check said of SPF for the host (core/deliverability/mailbox-warnings SpfHostCheck). */
  spfHostCheck?: unknown;
  createdAt: string;
  updatedAt: string;
}

/** `secretProblem`: why a stored secret cannot be decrypted (and how to fix it), from the store. */
export function toMailboxDto(row: StoredMailbox, secretProblem: string | null) {
  const keys = readKeyring(row.dkimKeys);
  return {
    id: row.documentId,
    name: row.name,
    direction: row.direction,
    enabled: row.enabled,
    source: row.source,
    fromAddress: row.fromAddress,
    displayName: row.displayName ?? '',
    host: row.host,
    port: row.port,
    security: row.security,
    tlsRejectUnauthorized: row.tlsRejectUnauthorized,
    authType: row.authType,
    authUser: row.authUser ?? '',
    hasPassword: !!row.password,
    oauthProvider: row.oauthProvider ?? 'custom',
    oauthTenant: row.oauthTenant ?? '',
    oauthClientId: row.oauthClientId ?? '',
    hasOauthClientSecret: !!row.oauthClientSecret,
    hasOauthRefreshToken: !!row.oauthRefreshToken,
    oauthAccessUrl: row.oauthAccessUrl ?? '',
    oauthAuthorizeUrl: row.oauthAuthorizeUrl ?? '',
    oauthScope: row.oauthScope ?? '',
    oauth: oauthStatus(row),
    subjectPrefix: row.subjectPrefix ?? '',
    allowedRecipients: row.allowedRecipients,
    excludeExpression: row.excludeExpression ?? '',
    isDefault: row.isDefault,
    priority: row.priority,
    weight: row.weight,
    poolSize: row.poolSize,
    rateLimitPerMinute: row.rateLimitPerMinute,
    dailyQuota: row.dailyQuota,
    latitude: row.latitude ?? null,
    longitude: row.longitude ?? null,
    countryCode: row.countryCode ?? '',
    health: {
      circuitOpenUntil: row.circuitOpenUntil ?? null,
      consecutiveFailures: row.consecutiveFailures ?? 0,
      lastFailure: row.lastFailure ?? null,
      lastFailureAt: row.lastFailureAt ?? null,
      lastSuccessAt: row.lastSuccessAt ?? null,
    },
    dkim: dkimView(keys, !!row.dkimPrivateKeys),
    /** Deliverability warnings from the mailbox's own settings and its last DNS check (run on the Deliverability page). */
    warnings: mailboxWarnings(row, keys, readSpfHostCheck(row.spfHostCheck)),
    secretProblem,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export type MailboxDto = ReturnType<typeof toMailboxDto>;

/** The OAuth2 sign-in as an admin sees it: signed in or not, the token's expiry, the scopes; never a token. */
function oauthStatus(row: StoredMailbox) {
  const endpoints = resolveEndpoints({
    oauthProvider: row.oauthProvider ?? 'custom',
    oauthTenant: row.oauthTenant ?? '',
    oauthAccessUrl: row.oauthAccessUrl ?? '',
    oauthAuthorizeUrl: row.oauthAuthorizeUrl ?? '',
    oauthScope: row.oauthScope ?? '',
  });
  let problem: string | null = null;
  try {
    problem = row.oauthRefreshFailure ? ((JSON.parse(row.oauthRefreshFailure) as { message?: string }).message ?? null) : null;
  } catch {
    problem = null;
  }
  return {
    signedIn: !!row.oauthRefreshToken,
    signedInAt: row.oauthSignedInAt ?? null,
    tokenExpiresAt: row.oauthAccessToken ? (row.oauthAccessTokenExpiresAt ?? null) : null,
    scopes: scopeList(endpoints.scope),
    tokenUrl: endpoints.tokenUrl,
    authorizeUrl: endpoints.authorizeUrl,
    /** Why the last token refresh failed (e.g. consent revoked), until a refresh or sign-in works. */
    problem,
  };
}
