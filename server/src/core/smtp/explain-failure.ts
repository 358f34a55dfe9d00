/*
 * Explains an SMTP failure in plain language and names the mailbox form field most likely at fault.
 * Pure: takes the fields of a nodemailer error (code, responseCode, command, message) and the
 * settings that were tried; an ordered table of matchers, first match wins.
 */
import type { MailboxFields } from '../mailboxes/mailbox-input';
import { isAuthResponse, isCode, mentionsCode } from './smtp-error-codes';

export interface SmtpFailure {
  code?: string;
  responseCode?: number;
  command?: string;
  message: string;
}

export type FaultyField =
  | 'host'
  | 'port'
  | 'security'
  | 'tlsRejectUnauthorized'
  | 'authType'
  | 'authUser'
  | 'password'
  | 'fromAddress'
  | 'to'
  | null;

export interface FailureExplanation {
  field: FaultyField;
  explanation: string;
}

type Settings = Pick<MailboxFields, 'host' | 'port' | 'security' | 'authType'>;

interface Matcher {
  test: (f: SmtpFailure, s: Settings) => boolean;
  explain: (f: SmtpFailure, s: Settings) => FailureExplanation;
}

const has = (f: SmtpFailure, ...needles: string[]) =>
  needles.some((n) => f.message.toLowerCase().includes(n.toLowerCase()));

const CERTIFICATE_HINTS = [
  'self signed certificate',
  'self-signed certificate',
  'unable to verify the first certificate',
  'unable to get local issuer certificate',
  'certificate has expired',
  'does not match certificate',
  "hostname/ip does not match certificate's altnames",
  'cert_altname_invalid',
];

const TLS_MISMATCH_HINTS = ['wrong version number', 'packet length too long', 'ssl routines', 'unknown protocol', 'tls_validate_record_header'];

const MATCHERS: Matcher[] = [
  {
    test: (f) => isCode(f.code, 'EDNS') || mentionsCode(f.message, 'ENOTFOUND', 'EAI_AGAIN') || has(f, 'getaddrinfo'),
    explain: (_f, s) => ({
      field: 'host',
      explanation: `The host name "${s.host}" could not be found in DNS. Check the Host field for typos (for example smtp.example.com).`,
    }),
  },
  {
    test: (f) => mentionsCode(f.message, 'ECONNREFUSED'),
    explain: (_f, s) => ({
      field: 'port',
      explanation:
        `Nothing accepted a connection on ${s.host}:${s.port}. Check the Port ` +
        '(587 with STARTTLS, 465 with SSL, 25 for an internal relay) and that the server allows connections from this machine.',
    }),
  },
  {
    test: (f) => has(f, ...CERTIFICATE_HINTS),
    explain: () => ({
      field: 'tlsRejectUnauthorized',
      explanation:
        "The server's TLS certificate is not trusted (self-signed, expired, or issued for another host name). " +
        'Use the host name the certificate was issued for, or, for an internal server you trust, turn off certificate verification.',
    }),
  },
  {
    test: (f) => has(f, ...TLS_MISMATCH_HINTS) || (isCode(f.code, 'ETLS') && !has(f, 'STARTTLS')),
    explain: (_f, s) => ({
      field: 'security',
      explanation:
        s.security === 'ssl'
          ? `The TLS handshake failed: Security is SSL, but port ${s.port} seems to speak plain SMTP. Use STARTTLS (usually port 587), or port 465 for SSL.`
          : 'The TLS handshake failed. Check that Security matches the port: SSL for 465, STARTTLS for 587.',
    }),
  },
  {
    test: (f) => has(f, 'STARTTLS') && (isCode(f.code, 'ETLS') || has(f, 'does not support')),
    explain: () => ({
      field: 'security',
      explanation:
        'Security is STARTTLS but the server does not offer it. Choose SSL if the port is 465, or "none" only for a trusted internal relay.',
    }),
  },
  {
    test: (f, s) => has(f, 'Greeting never received') || (s.security !== 'ssl' && s.port === 465 && (isCode(f.code, 'ETIMEDOUT') || has(f, 'timeout'))),
    explain: (_f, s) => ({
      field: s.port === 465 && s.security !== 'ssl' ? 'security' : 'port',
      explanation:
        s.port === 465 && s.security !== 'ssl'
          ? 'The server on port 465 expects SSL from the first byte: set Security to SSL.'
          : `The server at ${s.host}:${s.port} connected but never greeted. The port may belong to another service, or expect SSL.`,
    }),
  },
  {
    test: (f) => isCode(f.code, 'ETIMEDOUT') || has(f, 'timeout', 'timed out'),
    explain: (_f, s) => ({
      field: 'port',
      explanation: `No answer from ${s.host}:${s.port} in time. A firewall may block the port (many networks block 25), or the host is wrong.`,
    }),
  },
  {
    test: (f) => isCode(f.code, 'ECONNECTION', 'ESOCKET') || mentionsCode(f.message, 'ECONNRESET', 'EPIPE') || has(f, 'Connection closed'),
    explain: (_f, s) => ({
      field: 'port',
      explanation: `The connection to ${s.host}:${s.port} broke off. Check the Port and Security, and whether the server limits connections.`,
    }),
  },
  {
    test: (f) => isCode(f.code, 'EAUTH') && has(f, 'Missing credentials'),
    explain: () => ({ field: 'password', explanation: 'The server requires a login, but no password (or OAuth2 token) is set.' }),
  },
  {
    test: (f) => isCode(f.code, 'EAUTH') && has(f, 'not support', 'No supported authentication', 'Unsupported'),
    explain: () => ({
      field: 'authType',
      explanation: 'The server does not accept this authentication method. Try Auth type "login", or "none" for an unauthenticated relay.',
    }),
  },
  {
    test: (f) => isCode(f.code, 'EAUTH') || (f.command ?? '').startsWith('AUTH') || isAuthResponse(f.responseCode, 'rejected'),
    explain: () => ({
      field: 'password',
      explanation:
        'The server refused the user name or password. Check Auth user and Password; providers with two-factor sign-in often need an app password.',
    }),
  },
  {
    test: (f) => (f.command ?? '').toUpperCase().startsWith('MAIL FROM') || has(f, 'sender address rejected', 'Sender address', 'not owned by user'),
    explain: () => ({
      field: 'fromAddress',
      explanation:
        'The server refused the sender. Many servers only let an account send as itself: set From address to an address this account may use.',
    }),
  },
  {
    test: (f) => (f.command ?? '').toUpperCase().startsWith('RCPT TO') || isCode(f.code, 'EENVELOPE'),
    explain: (f, s) => ({
      field: has(f, 'relay') && s.authType === 'none' ? 'authType' : 'to',
      explanation: has(f, 'relay')
        ? 'The server refused to relay to this recipient: it usually needs you to log in first (set Auth type and Password).'
        : 'The server refused the recipient address (unknown user or blocked domain). Check the address.',
    }),
  },
  {
    test: (f) => isCode(f.code, 'EMESSAGE') || (f.command ?? '').toUpperCase() === 'DATA',
    explain: () => ({ field: null, explanation: 'The server accepted the envelope but rejected the message content (size or content policy).' }),
  },
  {
    test: (f) => typeof f.responseCode === 'number' && f.responseCode >= 400 && f.responseCode < 500,
    explain: (f) => ({
      field: null,
      explanation: `The server answered with a temporary failure (${f.responseCode}). It is busy or rate-limiting: try again in a few minutes.`,
    }),
  },
];

export function explainSmtpFailure(failure: SmtpFailure, settings: Settings): FailureExplanation {
  for (const matcher of MATCHERS) {
    if (matcher.test(failure, settings)) return matcher.explain(failure, settings);
  }
  return { field: null, explanation: `The SMTP server reported an error: ${failure.message}` };
}
