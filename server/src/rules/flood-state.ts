/*
 * What the flood guards need to know, read from the database: this installation's own addresses,
 * hard-bounce holds, how many notifications each address got per cap window, and identical messages
 * within the duplicate window; and the only writes of those rows (history, suppressions).
 * Counts are shared by all instances through the database (two firings in the same instant may both
 * pass a cap: a tolerance of one message).
 */
import type { Core } from '@strapi/strapi';
import type { Address } from '../core/delivery/addresses';
import { applyFloodGuards, messageFingerprint, type GuardedRecipients } from '../core/rules/flood-guard';
import { getPluginConfig } from '../config/plugin-config';
import { RECIPIENT_HISTORY_UID, SUPPRESSION_UID } from '../content-types/uids';
import { NotFoundError } from '../core/errors';
import type { MailboxStore } from '../mailboxes/mailbox-store';


export interface GuardInput {
  lists: { to: Address[]; cc: Address[]; bcc: Address[] };
  subject: string;
  text: string;
  now: Date;
}

export function floodState(strapi: Core.Strapi, mailboxes: Pick<MailboxStore, 'ownAddresses'>) {
  let own: { at: number; addresses: Set<string> } | null = null;

  async function ownAddresses(): Promise<Set<string>> {
    if (!own || Date.now() - own.at > 10_000) {
      own = { at: Date.now(), addresses: await mailboxes.ownAddresses() };
    }
    return own.addresses;
  }

  const fingerprintOf = (address: string, input: GuardInput) => messageFingerprint({ to: address, subject: input.subject, text: input.text });

  return {
    /** Applies every guard; returns the kept lists and each removed address with its reason. */
    async guard(input: GuardInput): Promise<GuardedRecipients & { fingerprints: Map<string, string> }> {
      const flood = getPluginConfig(strapi).flood;
      const all = [...input.lists.to, ...input.lists.cc, ...input.lists.bcc].map((a) => a.address.toLowerCase());
      const addresses = [...new Set(all)];
      const fingerprints = new Map(addresses.map((a) => [a, fingerprintOf(a, input)]));
      const suppressedRows = addresses.length
        ? ((await strapi.db.query(SUPPRESSION_UID).findMany({ where: { address: { $in: addresses }, until: { $gt: input.now } } })) as { address: string; until: string }[])
        : [];
      const recentCounts = new Map<string, number[]>();
      for (const [index, cap] of flood.caps.entries()) {
        const since = new Date(input.now.getTime() - cap.windowMinutes * 60_000);
        const rows = addresses.length
          ? ((await strapi.db.query(RECIPIENT_HISTORY_UID).findMany({ where: { address: { $in: addresses }, queuedAt: { $gte: since } }, select: ['address'] })) as { address: string }[])
          : [];
        for (const address of addresses) {
          const counts = recentCounts.get(address) ?? [];
          counts[index] = rows.filter((r) => r.address === address).length;
          recentCounts.set(address, counts);
        }
      }
      const duplicateOf = new Set<string>();
      if (flood.duplicateWindowMinutes > 0 && addresses.length) {
        const since = new Date(input.now.getTime() - flood.duplicateWindowMinutes * 60_000);
        const rows = (await strapi.db.query(RECIPIENT_HISTORY_UID).findMany({
          where: { address: { $in: addresses }, fingerprint: { $in: [...fingerprints.values()] }, queuedAt: { $gte: since } },
          select: ['address', 'fingerprint'],
        })) as { address: string; fingerprint: string }[];
        for (const row of rows) if (fingerprints.get(row.address) === row.fingerprint) duplicateOf.add(row.address);
      }
      const guarded = applyFloodGuards(input.lists, {
        ownAddresses: await ownAddresses(),
        blacklist: flood.blacklist,
        suppressed: new Map(suppressedRows.map((r) => [r.address, new Date(r.until).toISOString()])),
        recentCounts,
        caps: flood.caps,
        duplicateOf,
        dedupeWindowMinutes: flood.duplicateWindowMinutes,
        now: input.now,
      });
      return { ...guarded, fingerprints };
    },

    /** Counts a queued notification for each of its recipients. */
    async record(addresses: string[], fingerprints: Map<string, string>, ruleId: string | null, now: Date): Promise<void> {
      for (const address of new Set(addresses.map((a) => a.toLowerCase()))) {
        await strapi.db.query(RECIPIENT_HISTORY_UID).create({ data: { address, fingerprint: fingerprints.get(address) ?? '', rule: ruleId, queuedAt: now } });
      }
    },

    /** Holds addresses that bounced permanently for flood.suppressBouncesDays. */
    async suppress(addresses: string[], reason: string, now: Date): Promise<void> {
      const days = getPluginConfig(strapi).flood.suppressBouncesDays;
      if (!days) return;
      const until = new Date(now.getTime() + days * 86_400_000);
      for (const address of new Set(addresses.map((a) => a.toLowerCase()))) {
        const existing = (await strapi.db.query(SUPPRESSION_UID).findOne({ where: { address } })) as { id: number; bounces: number } | null;
        if (existing) {
          await strapi.db.query(SUPPRESSION_UID).update({ where: { id: existing.id }, data: { until, reason: reason.slice(0, 2000), bounces: existing.bounces + 1 } });
          continue;
        }
        try {
          await strapi.db.query(SUPPRESSION_UID).create({ data: { address, until, reason: reason.slice(0, 2000), bounces: 1 } });
        } catch {
          // Another instance recorded the same bounce first (unique address): one hold is enough.
        }
      }
    },

    /** Addresses held now (hard bounces), latest hold first. */
    async suppressions() {
      return strapi.db.query(SUPPRESSION_UID).findMany({ where: { until: { $gt: new Date() } }, orderBy: [{ until: 'desc' }], limit: 1000 });
    },
    /** Lets an address receive mail again. */
    async release(address: string) {
      const deleted = await strapi.db.query(SUPPRESSION_UID).deleteMany({ where: { address: String(address).toLowerCase() } });
      if (!deleted.count) throw new NotFoundError('Suppressed address', address);
    },

    /** History rows older than the longest window are no longer needed. */
    async prune(now: Date): Promise<void> {
      const flood = getPluginConfig(strapi).flood;
      const longest = Math.max(flood.duplicateWindowMinutes, ...flood.caps.map((c) => c.windowMinutes), 1);
      await strapi.db.query(RECIPIENT_HISTORY_UID).deleteMany({ where: { queuedAt: { $lt: new Date(now.getTime() - longest * 60_000) } } });
    },
  };
}

export type FloodState = ReturnType<typeof floodState>;
