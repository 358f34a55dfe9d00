/*
 * The Deliverability page's checker: the DNS checks of a domain (with this installation's DKIM keys
 * for it) or of a mailbox (its From domain, SMTP host and keys), asked through the resolver of the
 * `deliverability` options. Reads mailboxes and DNS; writes only a mailbox's last SPF verdict for its
 * host (through mailbox-store), which the mailbox list shows as a warning.
 */
import { z } from 'zod';
import type { PluginConfig } from '../config/schema';
import type { DomainReport } from '../core/deliverability/check-result';
import { domainSchema, type DkimKey } from '../core/deliverability/dkim-keyring';
import { domainOfAddress } from '../core/deliverability/mailbox-warnings';
import { setupGuide } from '../core/deliverability/setup-guide';
import { NotFoundError } from '../core/errors';
import { parseInput } from '../core/parse-input';
import type { MailboxStore } from '../mailboxes/mailbox-store';
import { checkDomain } from './domain-checks';
import { createDnsResolver, type DnsResolve } from './dns-resolver';

const domainQuerySchema = z
  .object({
    domain: domainSchema,
    selector: z.string().trim().toLowerCase().regex(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/, 'must be a DKIM selector like mail2026').max(63).optional(),
  })
  .strict();

export interface DeliverabilityDeps {
  config(): PluginConfig;
  mailboxes: Pick<MailboxStore, 'forDeliverability' | 'recordSpfHostCheck'>;
}

export function createDeliverabilityChecks(deps: DeliverabilityDeps) {
  const resolver = (): DnsResolve => createDnsResolver(deps.config().deliverability);

  return {
    resolver,
    /** `GET deliverability/guide`: the setup guide with this installation's records filled in. */
    guide: async () => setupGuide(await deps.mailboxes.forDeliverability()),
    /** `GET deliverability/check?domain=&selector=`: the domain's records, with the keys of this installation's mailboxes for it. */
    async checkDomain(query: unknown): Promise<DomainReport> {
      const input = parseInput(domainQuerySchema, query);
      const mailboxes = await deps.mailboxes.forDeliverability();
      const keys = uniqueKeys(mailboxes.flatMap((m) => m.keys).filter((k) => k.domain === input.domain));
      return checkDomain(resolver(), { domain: input.domain, keys, selector: input.selector ?? null });
    },
    /** `GET mailboxes/:id/deliverability`: the From domain's records, SPF for the mailbox's host, its keys and alignment. */
    async checkMailbox(id: string): Promise<DomainReport & { mailbox: { id: string; name: string } }> {
      const mailbox = (await deps.mailboxes.forDeliverability()).find((m) => m.id === id);
      if (!mailbox) throw new NotFoundError('Outgoing mailbox', id);
      const fromDomain = domainOfAddress(mailbox.fromAddress);
      const report = await checkDomain(resolver(), { domain: fromDomain, host: mailbox.host, keys: mailbox.keys });
      const spf = report.checks.find((check) => check.name === 'spf-host');
      if (spf) await deps.mailboxes.recordSpfHostCheck(id, { status: spf.status, host: mailbox.host, fromDomain, fix: spf.fix, checkedAt: new Date().toISOString() });
      return { ...report, mailbox: { id: mailbox.id, name: mailbox.name } };
    },
  };
}

/** Mailboxes may share a key (same selector): check each record once. */
function uniqueKeys(keys: DkimKey[]): DkimKey[] {
  const seen = new Map<string, DkimKey>();
  for (const key of keys) if (!seen.has(`${key.domain}/${key.selector}`)) seen.set(`${key.domain}/${key.selector}`, key);
  return [...seen.values()];
}

export type DeliverabilityChecks = ReturnType<typeof createDeliverabilityChecks>;
