/*
 * The deliverability warnings a mailbox shows in the list, from its own settings alone (no DNS):
 * no DKIM key, a DKIM domain the From domain does not align with (DMARC relaxed alignment), no TLS.
 * Pure; the DNS-based checks (SPF allows the host, records published) are in domain-checks.
 */
import type { DkimKey } from './dkim-keyring';
import { signingKeys } from './dkim-keyring';

export type MailboxWarningCode = 'no-dkim' | 'dkim-not-aligned' | 'no-tls' | 'ed25519-only';

export interface MailboxWarning {
  code: MailboxWarningCode;
  message: string;
}

export const domainOfAddress = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/**
 * Relaxed alignment without a public-suffix list: the two domains are equal, or one is a subdomain of
 * the other. (A list-based organisational domain is used where DNS is checked; this is the cheap view.)
 */
export const relaxedAligned = (a: string, b: string) => a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);

export function mailboxWarnings(mailbox: { direction: string; fromAddress: string; security: string; host: string }, keys: DkimKey[]): MailboxWarning[] {
  if (mailbox.direction !== 'out') return [];
  const warnings: MailboxWarning[] = [];
  const from = domainOfAddress(mailbox.fromAddress);
  const signing = signingKeys(keys);
  if (signing.length === 0) {
    warnings.push({ code: 'no-dkim', message: `Messages are not DKIM-signed: add a DKIM key for ${from} (Deliverability page) so receivers can tell the mail is really from ${from}.` });
  } else {
    const domain = signing[0]!.domain;
    if (!relaxedAligned(from, domain)) {
      warnings.push({ code: 'dkim-not-aligned', message: `The From domain ${from} does not align with the DKIM domain ${domain}: DMARC ignores this signature. Sign with a key of ${from}.` });
    }
    if (!signing.some((k) => k.algorithm === 'rsa')) {
      warnings.push({ code: 'ed25519-only', message: 'Only an Ed25519 key signs: many receivers verify RSA only. Add an RSA key as well.' });
    }
  }
  if (mailbox.security === 'none' && !isLoopback(mailbox.host)) {
    warnings.push({ code: 'no-tls', message: `The connection to ${mailbox.host} is not encrypted (Security "none"): use STARTTLS or SSL so passwords and mail are not sent in clear text.` });
  }
  return warnings;
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
