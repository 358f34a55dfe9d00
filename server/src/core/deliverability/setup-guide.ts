/*
 * The Deliverability page's guide with this installation's values filled in, in the order that works
 * (SMTP first, then SPF, then DKIM, then DMARC): per sending domain the records to publish for its
 * mailboxes. Pure: suggestions from the mailboxes' settings; the checks say what DNS really holds.
 */
import { dkimRecord, signingKeys, type DkimKey, type DnsRecord } from './dkim-keyring';
import { domainOfAddress } from './mailbox-warnings';
import { mechanismFor } from './spf-verdicts';

export interface GuideMailbox {
  id: string;
  name: string;
  fromAddress: string;
  host: string;
  port: number;
  security: string;
  keys: DkimKey[];
}

export interface DomainGuide {
  domain: string;
  mailboxes: string[];
  /** One SPF record naming every mailbox host of the domain (merge with an existing record: there may be only one). */
  spf: DnsRecord;
  dkim: { mailbox: string; record: DnsRecord | null }[];
  dmarc: DnsRecord;
}

export function setupGuide(mailboxes: GuideMailbox[]) {
  const smtp = mailboxes.map((m) => ({ mailbox: m.name, id: m.id, server: `${m.host}:${m.port}`, encrypted: m.security !== 'none' }));
  const domains = new Map<string, GuideMailbox[]>();
  for (const m of mailboxes) domains.set(domainOfAddress(m.fromAddress), [...(domains.get(domainOfAddress(m.fromAddress)) ?? []), m]);
  const guides: DomainGuide[] = [...domains].map(([domain, members]) => ({
    domain,
    mailboxes: members.map((m) => m.name),
    spf: { name: domain, value: `v=spf1 ${[...new Set(members.map((m) => mechanismFor(m.host)))].join(' ')} ~all` },
    dkim: members.map((m) => {
      const key = signingKeys(m.keys)[0];
      return { mailbox: m.name, record: key ? dkimRecord(key) : null };
    }),
    dmarc: { name: `_dmarc.${domain}`, value: `v=DMARC1; p=none; rua=mailto:dmarc-reports@${domain}` },
  }));
  return { smtp, domains: guides };
}

export type SetupGuide = ReturnType<typeof setupGuide>;
