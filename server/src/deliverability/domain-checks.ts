/*
 * Runs the DNS checks of one sending domain with mailauth (SPF evaluation, DKIM key records, DMARC
 * records and alignment) through the injected resolver, and hands what it observed to the pure
 * verdicts of core/deliverability. Reads DNS only; a DNS failure becomes a verdict, never a throw.
 */
import { spf } from 'mailauth/lib/spf';
import type { Check, DomainReport } from '../core/deliverability/check-result';
import { dkimRecordName, type DkimKey } from '../core/deliverability/dkim-keyring';
import { alignmentVerdict, dkimVerdict, dmarcVerdict, mtaStsVerdict, mxVerdict, selectorVerdict, tlsRptVerdict, type DkimObservation, type DmarcRecord } from '../core/deliverability/dns-verdicts';
import { isSpfRecord, spfHostVerdict, spfRecordVerdict, type SpfEvaluation } from '../core/deliverability/spf-verdicts';
import { samePublicKey } from './dkim-key-material';
import { describeDnsError, hostAddresses, isNoData, lookupMx, lookupTxt, type DnsResolve } from './dns-resolver';
import { alignedDomain, getDmarcRecord, getPublicKey } from './mailauth-parts';

/** An address no SPF record names (TEST-NET-1): evaluating it walks the whole record, counting its lookups. */
const PROBE_IP = '192.0.2.1';

export interface DomainCheckInput {
  domain: string;
  /** The mailbox's SMTP host: does SPF authorise it? */
  host?: string | null;
  /** The DKIM keys that sign for (or are pending on) this domain. */
  keys?: DkimKey[];
  /** Without keys: a selector whose record to look at. */
  selector?: string | null;
}

export async function checkDomain(resolve: DnsResolve, input: DomainCheckInput): Promise<DomainReport> {
  const { domain } = input;
  const host = input.host ?? null;
  const [mx, txt, dmarc, mtaSts, tlsRpt] = await Promise.all([
    lookupMx(resolve, domain),
    lookupTxt(resolve, domain),
    readDmarc(resolve, domain),
    lookupTxt(resolve, `_mta-sts.${domain}`),
    lookupTxt(resolve, `_smtp._tls.${domain}`),
  ]);
  const record = txt.kind === 'found' ? (txt.records.filter(isSpfRecord)[0] ?? null) : null;
  const probe = record ? (await evaluateSpf(resolve, domain, [PROBE_IP]))[0] ?? null : null;
  const checks: Check[] = [mxVerdict(domain, mx), spfRecordVerdict(domain, txt, probe, host)];
  let spfAligned = false;
  if (host) {
    const addresses = await hostAddresses(resolve, host);
    const evaluations = Array.isArray(addresses) ? await evaluateSpf(resolve, domain, addresses) : addresses;
    const hostCheck = spfHostVerdict(domain, host, record, evaluations);
    spfAligned = hostCheck.status === 'pass';
    checks.push(hostCheck);
  }
  const keys = input.keys ?? [];
  const dkim = await dkimChecks(resolve, domain, keys, input.selector ?? null);
  checks.push(...dkim.map((d) => d.check), dmarcVerdict(domain, dmarc));
  if (host) checks.push(alignment(domain, dmarc, spfAligned, dkim));
  checks.push(mtaStsVerdict(domain, mtaSts), tlsRptVerdict(domain, tlsRpt));
  return { domain, checks };
}

/** mailauth's SPF evaluation as the receiver does it: envelope sender postmaster@domain, from each address. */
async function evaluateSpf(resolve: DnsResolve, domain: string, ips: string[]): Promise<SpfEvaluation[]> {
  return Promise.all(
    ips.map(async (ip) => {
      const result = await spf({ sender: `postmaster@${domain}`, ip, helo: domain, mta: 'check', resolver: resolve as never });
      return { ip, result: result.status.result as SpfEvaluation['result'], comment: String(result.status.comment ?? ''), lookups: result.lookups?.count ?? 0 };
    }),
  );
}

/** One verdict per key (with the key it is about), or for the selector asked for. */
async function dkimChecks(resolve: DnsResolve, domain: string, keys: DkimKey[], selector: string | null): Promise<{ key: DkimKey | null; check: Check }[]> {
  if (keys.length) return Promise.all(keys.map(async (key) => ({ key, check: dkimVerdict(key, await observeKey(resolve, dkimRecordName(key), key)) })));
  if (!selector) return [{ key: null, check: selectorVerdict('', null) }];
  const name = dkimRecordName({ domain, selector });
  return [{ key: null, check: selectorVerdict(name, await observeKey(resolve, name, null)) }];
}

/** What DNS publishes at a selector, read by mailauth's DKIM key lookup (the one its verifier uses), compared with our key. */
export async function observeKey(resolve: DnsResolve, name: string, ours: DkimKey | null): Promise<DkimObservation> {
  try {
    const published = await getPublicKey('DKIM', name, 1024, resolve);
    if (!ours) return { kind: 'published', found: published.rr };
    return samePublicKey(published.publicKey, ours) ? { kind: 'match' } : { kind: 'mismatch', found: published.rr };
  } catch (error) {
    if (isNoData(error)) return { kind: 'none' };
    const e = error as { code?: string; rr?: string; message?: string };
    // mailauth's own codes: a record without a key (EINVALIDVAL without rr is an empty answer), a bad key, a short one.
    if (e.code === 'EINVALIDVAL' && !e.rr) return { kind: 'none' };
    if (e.code?.startsWith('EINVALID') || e.code === 'ESHORTKEY') return { kind: 'invalid', found: e.rr ?? null, error: e.message ?? e.code };
    return { kind: 'error', error: describeDnsError(error) };
  }
}

async function readDmarc(resolve: DnsResolve, domain: string): Promise<DmarcRecord | false | { error: string }> {
  try {
    return ((await getDmarcRecord(domain, resolve)) as DmarcRecord | false) ?? false;
  } catch (error) {
    return { error: describeDnsError(error) };
  }
}

/** DKIM counts for alignment only with a signing key whose record is published and matches. */
function alignment(domain: string, dmarc: DmarcRecord | false | { error: string }, spfAligned: boolean, dkim: { key: DkimKey | null; check: Check }[]): Check {
  const policy = dmarc && !('error' in dmarc) ? dmarc : null;
  const strictDkim = policy?.adkim === 's';
  const signing = dkim.flatMap((d) => (d.key?.status === 'active' ? [d.key] : []));
  const verified = dkim.flatMap((d) => (d.key?.status === 'active' && d.check.status === 'pass' ? [d.key] : []));
  const dkimMatch = alignedDomain(domain, verified.map((k) => k.domain), strictDkim);
  return alignmentVerdict(domain, { spf: spfAligned, dkim: !!dkimMatch, dkimDomain: dkimMatch || signing[0]?.domain || null, strictDkim });
}
