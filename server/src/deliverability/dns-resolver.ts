/*
 * The DNS resolver the deliverability checks (and mailauth) ask: the servers of the plugin option
 * `deliverability.dnsServers` ("10.0.0.2", "127.0.0.1:5353"), else the system's. Every question has a
 * deadline, so a server that does not answer gives an error result, never a hang.
 */
import { promises as dns } from 'node:dns';
import type { Lookup } from '../core/deliverability/check-result';

/** mailauth's resolver signature: dns.promises.resolve's. */
export type DnsResolve = (name: string, rrtype: string) => Promise<any>;

export interface DnsOptions {
  dnsServers: string[];
  dnsTimeoutMs: number;
}

export function createDnsResolver(options: DnsOptions): DnsResolve {
  // tries: 1 and our own deadline: c-ares would otherwise retry each server several times.
  const resolver = new dns.Resolver({ timeout: options.dnsTimeoutMs, tries: 1 });
  if (options.dnsServers.length) resolver.setServers(options.dnsServers);
  return (name, rrtype) => withDeadline(resolver.resolve(name, rrtype), options.dnsTimeoutMs + 500, name, rrtype);
}

function withDeadline<T>(promise: Promise<T>, ms: number, name: string, rrtype: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer for ${rrtype} ${name} within ${ms} ms`), { code: 'ETIMEOUT' })), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** "No such name" and "no records of that type" are answers; everything else is the DNS failing. */
export const isNoData = (error: unknown) => ['ENOTFOUND', 'ENODATA'].includes((error as { code?: string })?.code ?? '');

export const describeDnsError = (error: unknown) => {
  const e = error as { code?: string; message?: string };
  return e?.code === 'ETIMEOUT' ? 'no answer in time' : e?.code === 'ECONNREFUSED' ? 'connection refused' : (e?.code ?? e?.message ?? String(error));
};

/** TXT records of a name, each record's strings joined (a long DKIM key is split into 255-byte strings). */
export async function lookupTxt(resolve: DnsResolve, name: string): Promise<Lookup> {
  try {
    const rows = (await resolve(name, 'TXT')) as string[][];
    return rows.length ? { kind: 'found', records: rows.map((row) => row.join('')) } : { kind: 'none' };
  } catch (error) {
    return isNoData(error) ? { kind: 'none' } : { kind: 'error', error: describeDnsError(error) };
  }
}

export async function lookupMx(resolve: DnsResolve, domain: string): Promise<Lookup> {
  try {
    const rows = (await resolve(domain, 'MX')) as { exchange: string; priority: number }[];
    const records = rows.sort((a, b) => a.priority - b.priority).map((r) => `${r.priority} ${r.exchange}`);
    return records.length ? { kind: 'found', records } : { kind: 'none' };
  } catch (error) {
    return isNoData(error) ? { kind: 'none' } : { kind: 'error', error: describeDnsError(error) };
  }
}

/** The addresses of a host (IPv4 and IPv6); an IP address is its own answer. */
export async function hostAddresses(resolve: DnsResolve, host: string): Promise<string[] | { error: string }> {
  const bare = host.replace(/^\[|\]$/g, '');
  if (/^\d+\.\d+\.\d+\.\d+$/.test(bare) || bare.includes(':')) return [bare];
  const answers = await Promise.allSettled([resolve(bare, 'A'), resolve(bare, 'AAAA')]);
  const failed = answers.find((a): a is PromiseRejectedResult => a.status === 'rejected' && !isNoData(a.reason));
  if (failed) return { error: describeDnsError(failed.reason) };
  return answers.flatMap((a) => (a.status === 'fulfilled' ? (a.value as string[]) : []));
}
