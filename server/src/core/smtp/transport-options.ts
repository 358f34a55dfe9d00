/*
 * Maps a mailbox (with its secrets already decrypted) to nodemailer SMTP transport options.
 * Pure data in, plain object out: it does not import nodemailer, so it is unit-testable and the
 * only place that knows how our security/auth vocabulary becomes nodemailer's.
 */
import type { MailboxFields } from '../mailboxes/mailbox-input';

export type MailboxConnection = Pick<
  MailboxFields,
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
> & {
  /** The OAuth2 access token to log in with, from the token store (oauth/) at send time. */
  oauthAccessToken?: string | null;
};

/** The mailbox fields a connection is made of: change one and earlier failures no longer apply. */
export const CONNECTION_FIELDS = [
  'host',
  'port',
  'security',
  'tlsRejectUnauthorized',
  'authType',
  'authUser',
  'password',
  'oauthProvider',
  'oauthTenant',
  'oauthClientId',
  'oauthClientSecret',
  'oauthRefreshToken',
  'oauthAccessUrl',
  'oauthScope',
] as const satisfies readonly (keyof MailboxConnection)[];

export interface SmtpTransportOptions {
  host: string;
  port: number;
  secure: boolean;
  requireTLS: boolean;
  ignoreTLS: boolean;
  tls: { rejectUnauthorized: boolean; servername?: string };
  auth?:
    | { type: 'login'; user: string; pass: string }
    | { type: 'OAuth2'; user: string; accessToken: string };
  connectionTimeout: number;
  greetingTimeout: number;
  socketTimeout: number;
}

export interface TimeoutsMs {
  connectionTimeoutMs: number;
  greetingTimeoutMs: number;
  socketTimeoutMs: number;
}

export const DEFAULT_TIMEOUTS: TimeoutsMs = {
  connectionTimeoutMs: 15_000,
  greetingTimeoutMs: 15_000,
  socketTimeoutMs: 60_000,
};

export function toTransportOptions(mailbox: MailboxConnection, timeouts: TimeoutsMs = DEFAULT_TIMEOUTS): SmtpTransportOptions {
  const isIp = /^[0-9.]+$|:/.test(mailbox.host);
  const options: SmtpTransportOptions = {
    host: mailbox.host.replace(/^\[|\]$/g, ''),
    port: mailbox.port,
    // "ssl" is implicit TLS from the first byte (usually 465); "starttls" upgrades a plain connection
    // and must not silently continue in clear text if the server does not offer it.
    secure: mailbox.security === 'ssl',
    requireTLS: mailbox.security === 'starttls',
    // "none" means no TLS at all, even if the server advertises STARTTLS: some test and relay
    // servers advertise it with a certificate nobody can validate.
    ignoreTLS: mailbox.security === 'none',
    tls: { rejectUnauthorized: mailbox.tlsRejectUnauthorized, ...(isIp ? {} : { servername: mailbox.host }) },
    connectionTimeout: timeouts.connectionTimeoutMs,
    greetingTimeout: timeouts.greetingTimeoutMs,
    socketTimeout: timeouts.socketTimeoutMs,
  };
  if (mailbox.authType === 'login') {
    options.auth = { type: 'login', user: mailbox.authUser, pass: mailbox.password ?? '' };
  } else if (mailbox.authType === 'oauth2') {
    // Only the access token: without a client id or refresh token nodemailer cannot refresh on its
    // own, so the token store (oauth/) stays the one refresher for every instance.
    options.auth = { type: 'OAuth2', user: mailbox.authUser, accessToken: mailbox.oauthAccessToken ?? '' };
  }
  return options;
}

/** The secret strings of a connection, for redacting transcripts and errors. */
export function connectionSecrets(mailbox: Partial<MailboxConnection>): string[] {
  return [mailbox.password, mailbox.oauthClientSecret, mailbox.oauthRefreshToken, mailbox.oauthAccessToken].filter(
    (value): value is string => typeof value === 'string' && value.length > 0,
  );
}
