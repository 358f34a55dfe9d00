/*
 * The shape of one DNS check's verdict and of what a DNS lookup observed. Pure data shared by the
 * verdict builders (core/deliverability) and the checks that gather observations (deliverability/).
 */

export type CheckStatus = 'pass' | 'warn' | 'fail';
export type CheckName = 'mx' | 'spf' | 'spf-host' | 'dkim' | 'dmarc' | 'alignment' | 'mta-sts' | 'tls-rpt';

export interface Check {
  name: CheckName;
  status: CheckStatus;
  /** What DNS holds (the record as found), or null when nothing was found. */
  found: string | null;
  /** What to change, in plain words with the exact record; null when nothing needs to change. */
  fix: string | null;
  /** Informational checks (MTA-STS, TLS-RPT): recommended, not needed for delivery. */
  optional?: boolean;
}

export interface DomainReport {
  domain: string;
  checks: Check[];
}

/** A DNS question's answer: the records, none (NXDOMAIN / no data), or a DNS failure (timeout, refused). */
export type Lookup = { kind: 'found'; records: string[] } | { kind: 'none' } | { kind: 'error'; error: string };

export const check = (name: CheckName, status: CheckStatus, found: string | null, fix: string | null, optional = false): Check => ({
  name,
  status,
  found,
  fix,
  ...(optional ? { optional } : {}),
});

/** The verdict when the DNS server did not answer: never a pass, never silence. */
export const unanswered = (name: CheckName, question: string, error: string, optional = false): Check =>
  check(name, optional ? 'warn' : 'fail', null, `The DNS server did not answer the question for ${question} (${error}). Check deliverability.dnsServers or the network, then check again.`, optional);
