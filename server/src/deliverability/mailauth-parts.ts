/*
 * Typed access to the parts of mailauth the checks use that its package types do not declare: the DKIM
 * key lookup its verifier uses, the DMARC record lookup, and DMARC's domain alignment (with the
 * public-suffix list). One place, so a mailauth upgrade that moves them breaks here, loudly.
 */
import type { DnsResolve } from './dns-resolver';

const tools = require('mailauth/lib/tools') as {
  getPublicKey(type: 'DKIM', name: string, minBitLength: number, resolver: DnsResolve): Promise<{ publicKey: string; rr: string; modulusLength?: number }>;
  getAlignment(fromDomain: string, domains: string[], strict: boolean): { domain: string } | false;
};
const dmarcRecord = require('mailauth/lib/dmarc/get-dmarc-record') as (domain: string, resolver: DnsResolve) => Promise<unknown>;

export const getPublicKey = tools.getPublicKey;
export const getDmarcRecord = dmarcRecord;

/** The first of `domains` DMARC aligns with `fromDomain` (relaxed: same organisational domain; strict: equal), or null. */
export function alignedDomain(fromDomain: string, domains: string[], strict: boolean): string | null {
  if (!domains.length) return null;
  const match = tools.getAlignment(fromDomain, domains, strict);
  return match ? match.domain : null;
}
