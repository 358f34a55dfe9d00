/*
 * Loop and flood guards for one outgoing notification: drops recipients that are our own mailboxes,
 * blacklisted, hard-bounced, opted out, already flooded or already sent the identical message, each with a reason
 * in plain words for the log. Pure: the counts and suppressions are read by the caller and passed in.
 */
import type { Address } from '../delivery/addresses';

/** Addresses that are robots or lists: mailing them answers auto-replies and starts mail loops. */
export const DEFAULT_BLACKLIST: readonly string[] = [
  'mailer-daemon@*', 'postmaster@*', 'no-reply@*', 'noreply@*', 'do-not-reply@*', 'donotreply@*',
  'bounce*@*', '*-bounces@*', 'listserv@*', 'majordomo@*',
];

export interface FloodCap {
  windowMinutes: number;
  max: number;
}

/** At most 3 notifications to one address in 30 minutes. */
export const DEFAULT_CAPS: readonly FloodCap[] = [{ windowMinutes: 30, max: 3 }];

export interface FloodGuardInput {
  /** Lower-case addresses of this installation's own mailboxes. */
  ownAddresses: Set<string>;
  /** A full address, a domain (`@example.com` or `example.com`), or a `*` pattern; case-insensitive. */
  blacklist: readonly string[];
  /** Lower-case address -> ISO instant until which it is held after a hard bounce. */
  suppressed: Map<string, string>;
  /** Lower-case address -> why its opt-out stops this rule ("unsubscribed from rma on 2026-12-01"). */
  optedOut?: Map<string, string>;
  /** Lower-case address -> notifications already sent to it in each cap window (same order as caps). */
  recentCounts: Map<string, number[]>;
  caps: readonly FloodCap[];
  /** Lower-case addresses that already received an identical message within the dedupe window. */
  duplicateOf: Set<string>;
  /** The dedupe window, for the reason text only. */
  dedupeWindowMinutes?: number;
  now: Date;
}

export interface SuppressedRecipient {
  address: string;
  reason: string;
}

export interface GuardedRecipients {
  to: Address[];
  cc: Address[];
  bcc: Address[];
  suppressed: SuppressedRecipient[];
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

/** Does one blacklist entry match a lower-case address? */
export function matchesBlacklistEntry(address: string, entry: string): boolean {
  const rule = entry.trim().toLowerCase();
  if (!rule) return false;
  if (rule.includes('*')) {
    const pattern = rule.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    return new RegExp(`^${pattern}$`).test(address);
  }
  if (rule.startsWith('@')) return domainOf(address) === rule.slice(1);
  if (rule.includes('@')) return address === rule;
  return domainOf(address) === rule;
}

function span(minutes: number): string {
  if (minutes === 1) return 'minute';
  if (minutes === 60) return 'hour';
  if (minutes % 60 === 0) return `${minutes / 60} hours`;
  return `${minutes} minutes`;
}

function reasonFor(address: string, input: FloodGuardInput): string | null {
  if (input.ownAddresses.has(address)) return "is one of this installation's own mailbox addresses (loop protection)";
  const entry = input.blacklist.find((e) => matchesBlacklistEntry(address, e));
  if (entry !== undefined) return `matches the blacklist entry "${entry}"`;
  const until = input.suppressed.get(address);
  if (until !== undefined) {
    const time = Date.parse(until);
    // An unreadable date holds the address until an admin releases it: failing open would mail a dead box.
    if (Number.isNaN(time)) return 'bounced permanently; held until an admin releases it';
    if (time > input.now.getTime()) return `bounced permanently; held until ${new Date(time).toISOString().slice(0, 10)}`;
  }
  const optOut = input.optedOut?.get(address);
  if (optOut !== undefined) return optOut;
  if (input.duplicateOf.has(address)) return `received an identical message within the last ${span(input.dedupeWindowMinutes ?? 10)}`;
  const counts = input.recentCounts.get(address) ?? [];
  for (const [i, cap] of input.caps.entries()) {
    const count = counts[i] ?? 0;
    if (count >= cap.max) return `already received ${count} notification${count === 1 ? '' : 's'} in the last ${span(cap.windowMinutes)} (limit ${cap.max})`;
  }
  return null;
}

/** Filters to/cc/bcc; every removed address is listed once with the first reason that applies. */
export function applyFloodGuards(lists: { to: Address[]; cc: Address[]; bcc: Address[] }, input: FloodGuardInput): GuardedRecipients {
  const suppressed: SuppressedRecipient[] = [];
  const reported = new Set<string>();
  const keep = (list: Address[]) =>
    list.filter((recipient) => {
      const key = recipient.address.trim().toLowerCase();
      const reason = reasonFor(key, input);
      if (reason === null) return true;
      if (!reported.has(key)) suppressed.push({ address: recipient.address, reason });
      reported.add(key);
      return false;
    });
  return { to: keep(lists.to), cc: keep(lists.cc), bcc: keep(lists.bcc), suppressed };
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

function utf8Bytes(codePoint: number): number[] {
  if (codePoint < 0x80) return [codePoint];
  if (codePoint < 0x800) return [0xc0 | (codePoint >> 6), 0x80 | (codePoint & 63)];
  if (codePoint < 0x10000) return [0xe0 | (codePoint >> 12), 0x80 | ((codePoint >> 6) & 63), 0x80 | (codePoint & 63)];
  return [0xf0 | (codePoint >> 18), 0x80 | ((codePoint >> 12) & 63), 0x80 | ((codePoint >> 6) & 63), 0x80 | (codePoint & 63)];
}

/** FNV-1a 64 over the UTF-8 bytes, as 16 hex digits. Not cryptographic: a dedupe key, not a secret. */
export function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (const char of text) {
    for (const byte of utf8Bytes(char.codePointAt(0)!)) hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  }
  return hash.toString(16).padStart(16, '0');
}

/** Same recipient, subject and body -> same fingerprint. The recipient is compared case-insensitively. */
export function messageFingerprint(message: { to: string; subject: string; text?: string; html?: string }): string {
  return fnv1a64([message.to.trim().toLowerCase(), message.subject, message.text ?? '', message.html ?? ''].join('\u0000'));
}
