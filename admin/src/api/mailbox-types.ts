/*
 * Shapes of the mailbox routes (/email-notifications/mailboxes..., /test-email): the mailbox DTO, the
 * request body, the probe result. They mirror the server's; the server is the authority, these types only
 * describe it.
 */

import type { FaultyField as ServerFaultyField } from '../../../server/src/core/smtp/explain-failure';

export type Direction = 'out' | 'in';
export type Security = 'none' | 'ssl' | 'starttls';
export type AuthType = 'none' | 'login' | 'oauth2';
export type AllowedRecipients = 'anyone' | 'registered';
export type OAuthProvider = 'microsoft' | 'google' | 'custom';

/** The OAuth2 sign-in of a mailbox as the server shows it: never a token. */
export interface OAuthStatus {
  signedIn: boolean;
  signedInAt: string | null;
  tokenExpiresAt: string | null;
  scopes: string[];
  tokenUrl: string | null;
  authorizeUrl: string | null;
  /** Why the last token refresh failed (e.g. "Sign in again: …"), null when it works. */
  problem: string | null;
}

/** GET /oauth/providers: the redirect URI to register, and each provider's endpoints and scopes. */
export interface OAuthProviders {
  redirectUri: string;
  providers: Record<OAuthProvider, { tokenUrl: string | null; authorizeUrl: string | null; scopes: string[] }>;
}

/** POST /mailboxes/:id/oauth/start */
export interface OAuthStart {
  authorizationUrl: string;
  scopes: string[];
  redirectUri: string;
}

export interface Mailbox {
  id: string;
  name: string;
  direction: Direction;
  enabled: boolean;
  source: 'admin' | 'config';
  fromAddress: string;
  displayName: string;
  host: string;
  port: number;
  security: Security;
  tlsRejectUnauthorized: boolean;
  authType: AuthType;
  authUser: string;
  hasPassword: boolean;
  oauthProvider: OAuthProvider;
  oauthTenant: string;
  oauthClientId: string;
  hasOauthClientSecret: boolean;
  hasOauthRefreshToken: boolean;
  oauthAccessUrl: string;
  oauthAuthorizeUrl: string;
  oauthScope: string;
  oauth: OAuthStatus;
  subjectPrefix: string;
  allowedRecipients: AllowedRecipients;
  excludeExpression: string;
  isDefault: boolean;
  priority: number;
  weight: number;
  poolSize: number;
  rateLimitPerMinute: number;
  dailyQuota: number;
  /** Where the server is, for geo routing: decimal degrees, null when unknown. */
  latitude: number | null;
  longitude: number | null;
  /** ISO 3166-1 alpha-2 code, '' when unknown. */
  countryCode: string;
  health: MailboxHealth;
  /** The DKIM keys (public parts only): the signing key in front, all keys with their state. */
  dkim: DkimView;
  /** Deliverability warnings from the mailbox's own settings. */
  warnings: MailboxWarning[];
  /** Why a stored secret cannot be decrypted, with the fix (a changed encryption key); null when all can. */
  secretProblem: string | null;
  createdAt: string;
  updatedAt: string;
}

export type DkimAlgorithm = 'rsa' | 'ed25519';
export type DkimKeyStatus = 'active' | 'pending' | 'retiring';
export interface DnsRecord {
  name: string;
  value: string;
}
export interface DkimKeyView {
  domain: string;
  selector: string;
  algorithm: DkimAlgorithm;
  status: DkimKeyStatus;
  createdAt: string;
  dnsRecord: DnsRecord;
}
export interface DkimView {
  domain: string;
  selector: string;
  algorithm: DkimAlgorithm | null;
  hasKey: boolean;
  dnsRecord: DnsRecord | null;
  keys: DkimKeyView[];
}
export interface MailboxWarning {
  code: 'no-dkim' | 'dkim-not-aligned' | 'no-tls' | 'ed25519-only' | 'spf-host-not-allowed';
  message: string;
}

/** The circuit breaker's view of a mailbox (read-only; never sent back). Dates are ISO strings. */
export interface MailboxHealth {
  circuitOpenUntil: string | null;
  consecutiveFailures: number;
  lastFailure: string | null;
  lastFailureAt: string | null;
  lastSuccessAt: string | null;
}

/** A mailbox by id, name and direction: what the task group screens name and offer. */
export type MailboxSummary = Pick<Mailbox, 'id' | 'name' | 'direction'>;

/** A row of GET /mailboxes: the mailbox and what it sent today (UTC day) and in the last minute. */
export interface MailboxListItem extends Mailbox {
  usage: { sentToday: number; sentLastMinute: number };
}

/** Body of POST/PUT: only writable fields. Secrets: absent = keep, null = clear, string = replace. */
export interface MailboxBody {
  name?: string;
  direction?: Direction;
  enabled?: boolean;
  fromAddress?: string;
  displayName?: string;
  host?: string;
  port?: number;
  security?: Security;
  tlsRejectUnauthorized?: boolean;
  authType?: AuthType;
  authUser?: string;
  password?: string | null;
  oauthProvider?: OAuthProvider;
  oauthTenant?: string;
  oauthClientId?: string;
  oauthClientSecret?: string | null;
  oauthRefreshToken?: string | null;
  oauthAccessUrl?: string;
  oauthAuthorizeUrl?: string;
  oauthScope?: string;
  subjectPrefix?: string;
  allowedRecipients?: AllowedRecipients;
  excludeExpression?: string;
  isDefault?: boolean;
  priority?: number;
  weight?: number;
  poolSize?: number;
  rateLimitPerMinute?: number;
  dailyQuota?: number;
  /** A string only when the admin typed something that is not a number: the server refuses it under the field. */
  latitude?: number | null | string;
  longitude?: number | null | string;
  countryCode?: string;
}

/** Unsaved connection settings sent with Check / Send test email, over the saved mailbox. */
export type ConnectionOverrides = Pick<
  MailboxBody,
  | 'fromAddress'
  | 'displayName'
  | 'host'
  | 'port'
  | 'security'
  | 'tlsRejectUnauthorized'
  | 'authType'
  | 'authUser'
  | 'password'
  | 'oauthProvider'
  | 'oauthTenant'
  | 'oauthClientId'
  | 'oauthClientSecret'
  | 'oauthRefreshToken'
  | 'oauthAccessUrl'
  | 'oauthScope'
  | 'subjectPrefix'
>;

/** The mailbox form field an SMTP failure points at: the server's own list, so a new one needs a label here. */
export type FaultyField = NonNullable<ServerFaultyField>;

export interface ProbeResult {
  ok: boolean;
  transcript: string[];
  error?: {
    message: string;
    code: string | null;
    responseCode: number | null;
    command: string | null;
    response: string | null;
    field: FaultyField | null;
    explanation: string;
  };
}

/** Which mailbox routing chose (or would choose) and why. */
export interface RouteAnswer {
  wouldSend: boolean;
  mailbox: { id: string; name: string } | null;
  reason: string;
  retryAt: string | null;
}

/** Routing hints: choose the mailbox as for a rule's message of this task group / recipient IP. */
export interface RouteHints {
  taskGroup?: string;
  recipientIp?: string;
}

export interface TestEmailResult extends ProbeResult {
  route?: RouteAnswer;
  messageId?: string;
  response?: string;
  accepted?: string[];
  rejected?: string[];
}

export interface TestEmailRequest {
  to: string;
  mailboxId?: string;
  mailbox?: ConnectionOverrides;
  subject?: string;
  route?: RouteHints;
}
