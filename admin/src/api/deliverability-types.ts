/*
 * Shapes of the deliverability routes (/deliverability/check, /mailboxes/:id/deliverability,
 * /mailboxes/:id/dkim..., /routing/dry-run). They mirror the server's; the server is the authority.
 */
import type { DkimAlgorithm, DkimKeyStatus, DnsRecord, RouteAnswer } from './mailbox-types';

export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface Check {
  name: 'mx' | 'spf' | 'spf-host' | 'dkim' | 'dmarc' | 'alignment' | 'mta-sts' | 'tls-rpt';
  status: CheckStatus;
  found: string | null;
  fix: string | null;
  optional?: boolean;
}

export interface DomainReport {
  domain: string;
  checks: Check[];
  mailbox?: { id: string; name: string };
}

/** POST /mailboxes/:id/dkim: generate (no privateKey) or paste a key. */
export interface DkimKeyRequest {
  domain: string;
  selector: string;
  algorithm?: DkimAlgorithm;
  privateKey?: string;
}

/** The TXT record to publish for a key, with the key's place in the rotation. */
export interface DkimKeyAnswer extends DnsRecord {
  selector: string;
  algorithm: DkimAlgorithm;
  status: DkimKeyStatus;
}

export interface DryRunRequest {
  to: string;
  taskGroup?: string;
  recipientIp?: string;
}

export interface DryRunAnswer extends RouteAnswer {
  recipientRemoved: string | null;
}

/** GET /deliverability/guide: SMTP first, then per sending domain its SPF, DKIM and DMARC records. */
export interface SetupGuide {
  smtp: { mailbox: string; id: string; server: string; encrypted: boolean }[];
  domains: { domain: string; mailboxes: string[]; spf: DnsRecord; dkim: { mailbox: string; record: DnsRecord | null }[]; dmarc: DnsRecord }[];
}
