/*
 * What the flood guards need to know, read from the database: this installation's own addresses,
 * hard-bounce holds and opt-outs (from the suppression store), how many notifications each address got
 * per cap window, and identical messages within the duplicate window; and the only writes of the history.
 * Counts are shared by all instances through the database (two firings in the same instant may both
 * pass a cap: a tolerance of one message).
 */
import type { Core } from '@strapi/strapi';
import type { Address } from '../core/delivery/addresses';
import { applyFloodGuards, messageFingerprint, type GuardedRecipients } from '../core/rules/flood-guard';
import { getPluginConfig } from '../config/plugin-config';
import { RECIPIENT_HISTORY_UID } from '../content-types/uids';
import { ALL_MAIL_SCOPE, holdApplies, type UnsubscribableRule } from '../core/rules/unsubscribe';
import type { MailboxStore } from '../mailboxes/mailbox-store';
import type { SuppressionRow, SuppressionStore } from './suppression-store';


export interface GuardInput {
  lists: { to: Address[]; cc: Address[]; bcc: Address[] };
  subject: string;
  text: string;
  now: Date;
  /** The rule sending: its opt-outs apply (none for a critical rule). */
  rule?: UnsubscribableRule;
}

/** Bounce holds (all mail) and the opt-outs that stop this rule, as the pure guard takes them. */
function holdMaps(rows: SuppressionRow[], rule: UnsubscribableRule | undefined) {
  const suppressed = new Map<string, string>();
  const optedOut = new Map<string, string>();
  for (const row of rows) {
    // No end date: held until an admin releases it (the guard says so).
    if (row.scope === ALL_MAIL_SCOPE) suppressed.set(row.address, row.until ? new Date(row.until).toISOString() : '');
    else if (rule && holdApplies(row.scope, rule)) optedOut.set(row.address, row.reason || 'unsubscribed');
  }
  return { suppressed, optedOut };
}

export function floodState(strapi: Core.Strapi, mailboxes: Pick<MailboxStore, 'ownAddresses'>, holds: Pick<SuppressionStore, 'activeHolds'>) {
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
      const { suppressed, optedOut } = holdMaps(await holds.activeHolds(addresses, input.now), input.rule);
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
        suppressed,
        optedOut,
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

    /** History rows older than the longest window are no longer needed. */
    async prune(now: Date): Promise<void> {
      const flood = getPluginConfig(strapi).flood;
      const longest = Math.max(flood.duplicateWindowMinutes, ...flood.caps.map((c) => c.windowMinutes), 1);
      await strapi.db.query(RECIPIENT_HISTORY_UID).deleteMany({ where: { queuedAt: { $lt: new Date(now.getTime() - longest * 60_000) } } });
    },
  };
}

export type FloodState = ReturnType<typeof floodState>;
