/*
 * The deliverability warnings a mailbox shows in the list, from its own settings (no DNS): no DKIM
 * key, a DKIM domain the From domain does not align with (DMARC relaxed alignment), no TLS; and from
 * the last DNS check of the mailbox, an SPF record that does not authorise its host. Pure; the DNS
 * checks themselves are in deliverability/domain-checks.
 */
import type { DkimKey } from './dkim-keyring';
import { signingKeys } from './dkim-keyring';

export type MailboxWarningCode = 'no-dkim' | 'dkim-not-aligned' | 'no-tls' | 'ed25519-only' | 'spf-host-not-allowed';

export interface MailboxWarning {
  code: MailboxWarningCode;
  message: string;
}

/** What the last DNS check of a mailbox said of SPF for its host (kept on the mailbox row). */
export interface SpfHostCheck {
  status: 'pass' | 'warn' | 'fail';
  host: string;
  fromDomain: string;
  fix: string | null;
  checkedAt: string;
}

const STATUSES = new Set(['pass', 'warn', 'fail']);

/** The stored check, or null for none or one written in another shape. */
export function readSpfHostCheck(value: unknown): SpfHostCheck | null {
  if (!value || typeof value !== 'object') return null;
  const check = value as Partial<SpfHostCheck>;
  const ok = STATUSES.has(check.status as string) && typeof check.host === 'string' && typeof check.fromDomain === 'string' && typeof check.checkedAt === 'string';
  return ok ? { status: check.status!, host: check.host!, fromDomain: check.fromDomain!, fix: typeof check.fix === 'string' ? check.fix : null, checkedAt: check.checkedAt! } : null;
}

export const domainOfAddress = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/**
 * Relaxed alignment without a public-suffix list: the two domains are equal, or one is a subdomain of
 * the other. (A list-based organisational domain is used where DNS is checked; this is the cheap view.)
 */
export const relaxedAligned = (a: string, b: string) => a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);

export function mailboxWarnings(mailbox: { direction: string; fromAddress: string; security: string; host: string }, keys: DkimKey[], spf: SpfHostCheck | null = null): MailboxWarning[] {
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
  // A check of other settings (host or From domain changed since) says nothing about these.
  if (spf?.status === 'fail' && spf.host === mailbox.host && spf.fromDomain === from) {
    warnings.push({ code: 'spf-host-not-allowed', message: spf.fix ?? `The SPF record of ${from} does not authorise ${mailbox.host}.` });
  }
  if (mailbox.security === 'none' && !isLoopback(mailbox.host)) {
    warnings.push({ code: 'no-tls', message: `The connection to ${mailbox.host} is not encrypted (Security "none"): use STARTTLS or SSL so passwords and mail are not sent in clear text.` });
  }
  return warnings;
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
