/*
 * Parses a mailbox given as a URL (`smtp://user:pass@host:587`, `smtps://...:465`) into mailbox fields,
 * for the default mailbox in the plugin options or an environment variable. Pure.
 * Query parameters: from, name (display name), security (none|ssl|starttls), tlsRejectUnauthorized.
 */
import type { MailboxFields } from '../mailboxes/mailbox-input';

export type UrlMailbox = Partial<MailboxFields>;

export function parseSmtpUrl(url: string): UrlMailbox {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('is not a valid URL; expected smtp://user:password@host:port or smtps://...');
  }
  const scheme = parsed.protocol.replace(/:$/, '');
  if (scheme !== 'smtp' && scheme !== 'smtps') {
    throw new Error(`uses the scheme "${scheme}"; expected smtp:// or smtps://`);
  }
  const query = parsed.searchParams;
  const querySecurity = query.get('security');
  if (querySecurity && !['none', 'ssl', 'starttls'].includes(querySecurity)) {
    throw new Error('has security=' + querySecurity + '; expected none, ssl or starttls');
  }
  const security = (querySecurity as MailboxFields['security'] | null) ?? (scheme === 'smtps' ? 'ssl' : parsed.port === '25' ? 'none' : 'starttls');
  const port = parsed.port ? Number(parsed.port) : scheme === 'smtps' ? 465 : 587;
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  const fields: UrlMailbox = {
    host: parsed.hostname,
    port,
    security,
    authType: user ? 'login' : 'none',
    authUser: user,
    password: password || null,
  };
  const from = query.get('from') ?? (user.includes('@') ? user : null);
  if (from) fields.fromAddress = from;
  const name = query.get('name');
  if (name) fields.displayName = name;
  const reject = query.get('tlsRejectUnauthorized');
  if (reject !== null) fields.tlsRejectUnauthorized = reject !== 'false';
  return fields;
}
