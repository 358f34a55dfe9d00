/*
 * The error codes found on nodemailer errors (its own, and the Node socket and resolver codes it
 * passes on) and the SMTP reply codes the plugin reasons about, grouped by what they say about an
 * attempt. The one definition of these lists: failure classification, circuit breaker and failure
 * explanations read them here. Data and membership tests only; what a group means is decided elsewhere.
 */

/** The connection could not be made, timed out or broke off. (EOAUTH2_UNAVAILABLE: the OAuth2 token
 * endpoint could not give an access token for now, so no login could be tried.) */
const NETWORK_CODES = ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'ECONNREFUSED', 'ECONNRESET'] as const;

export const SMTP_ERROR_CODES = {
  /** No answer from the server at all: the network, or a host name that does not resolve. */
  connection: [...NETWORK_CODES, 'EDNS', 'EOAUTH2_UNAVAILABLE'],
  /** The mailbox's own settings fail: login, TLS, the DNS name of its host, its configuration or proxy. */
  mailbox: ['EAUTH', 'ENOAUTH', 'EOAUTH2', 'ETLS', 'EDNS', 'ECONFIG', 'EPROXY'],
  /** Trouble that passes: the network, a connection pool at its limit, a message stream that broke. */
  transient: [...NETWORK_CODES, 'EPIPE', 'EMAXLIMIT', 'ESTREAM', 'ESTREAMING', 'EOAUTH2_UNAVAILABLE'],
  /** The message itself was refused: its envelope (sender, recipients) or its content. */
  message: ['EENVELOPE', 'EMESSAGE'],
} as const;

export type SmtpErrorGroup = keyof typeof SMTP_ERROR_CODES;
export type SmtpErrorCode = (typeof SMTP_ERROR_CODES)[SmtpErrorGroup][number];

/** Resolver codes in the message of a failed DNS lookup. */
export const DNS_ERROR_CODES = {
  /** The host name does not exist. */
  notFound: ['ENOTFOUND'],
  /** The resolver could not answer now (a DNS server down or slow): the lookup may work later. */
  temporary: ['EAI_AGAIN', 'ETIMEOUT', 'ESERVFAIL'],
} as const;

export type DnsErrorCode = (typeof DNS_ERROR_CODES)[keyof typeof DNS_ERROR_CODES][number];

/** SMTP replies about authentication. */
export const AUTH_RESPONSE_CODES = {
  /** The server wants a login first (530), or an encrypted connection for the mechanism (538). */
  required: [530, 538],
  /** The server refused the credentials (535), or wants a stronger mechanism such as an app password (534). */
  rejected: [534, 535],
} as const;

type AuthResponseGroup = keyof typeof AUTH_RESPONSE_CODES;

export function inGroup(group: SmtpErrorGroup, code: string | null | undefined): boolean {
  return (SMTP_ERROR_CODES[group] as readonly string[]).includes(code ?? '');
}

/** `code` is one of `codes`; the compiler checks that each of them is a known code. */
export function isCode(code: string | null | undefined, ...codes: SmtpErrorCode[]): boolean {
  return (codes as string[]).includes(code ?? '');
}

/** The message names one of `codes` (socket and resolver codes often arrive only in the text). */
export function mentionsCode(message: string | null | undefined, ...codes: (SmtpErrorCode | DnsErrorCode)[]): boolean {
  const text = (message ?? '').toUpperCase();
  return codes.some((code) => text.includes(code));
}

/** An authentication reply: `required`, `rejected`, or either when no group is named. */
export function isAuthResponse(responseCode: number | null | undefined, group?: AuthResponseGroup): boolean {
  const groups: AuthResponseGroup[] = group ? [group] : ['required', 'rejected'];
  return groups.some((g) => (AUTH_RESPONSE_CODES[g] as readonly number[]).includes(responseCode ?? -1));
}
