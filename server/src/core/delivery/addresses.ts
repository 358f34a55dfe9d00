/*
 * Email address lists: parse what callers give ("a@x.com", "Name <a@x.com>", { name, address }, or
 * arrays and comma lists of those), validate, normalise (domain lower-cased) and de-duplicate across
 * to/cc/bcc (an address keeps its first place: to before cc before bcc). Pure.
 */
import { z } from 'zod';

export interface Address {
  name?: string;
  address: string;
}

const emailCheck = z.string().email();

export type AddressInput = string | { name?: string; address: string } | (string | { name?: string; address: string })[];

/** Splits on commas that are not inside quotes or angle brackets. */
function splitList(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angle = 0;
  for (const ch of value) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === '<') angle += 1;
    if (!quoted && ch === '>') angle = Math.max(0, angle - 1);
    if (ch === ',' && !quoted && angle === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

function parseOne(value: string): Address | null {
  const match = /^(?:"?([^"<]*?)"?\s*)?<([^<>\s]+)>$/.exec(value.trim());
  if (match) return { ...(match[1]?.trim() ? { name: match[1].trim() } : {}), address: match[2]! };
  return { address: value.trim() };
}

export function normaliseAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return address.trim();
  return `${address.slice(0, at).trim()}@${address.slice(at + 1).trim().toLowerCase()}`;
}

/** Parses one list; returns the addresses and the problems (invalid entries) found. */
export function parseAddressList(input: AddressInput | null | undefined): { addresses: Address[]; invalid: string[] } {
  const items = input === null || input === undefined ? [] : Array.isArray(input) ? input : [input];
  const addresses: Address[] = [];
  const invalid: string[] = [];
  for (const item of items) {
    const candidates = typeof item === 'string' ? splitList(item).map(parseOne) : [item];
    for (const candidate of candidates) {
      if (!candidate || /[\r\n]/.test(candidate.address + (candidate.name ?? '')) || !emailCheck.safeParse(candidate.address).success) {
        invalid.push(typeof item === 'string' ? item : String(candidate?.address ?? ''));
        continue;
      }
      addresses.push({ ...(candidate.name ? { name: candidate.name } : {}), address: normaliseAddress(candidate.address) });
    }
  }
  return { addresses, invalid };
}

/** Removes repeats inside and across the lists, keeping the first occurrence. */
export function dedupeRecipients(lists: { to: Address[]; cc: Address[]; bcc: Address[] }) {
  const seen = new Set<string>();
  const keep = (list: Address[]) =>
    list.filter((a) => {
      const key = a.address.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { to: keep(lists.to), cc: keep(lists.cc), bcc: keep(lists.bcc) };
}

export function formatAddress(a: Address): string {
  return a.name ? `"${a.name.replace(/["\\]/g, '')}" <${a.address}>` : a.address;
}
