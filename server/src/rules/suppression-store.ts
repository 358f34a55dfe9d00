/*
 * The only code that reads and writes suppression rows: holds after hard bounces (all mail, for
 * flood.suppressBouncesDays) and recipients' opt-outs (one category or rule, until released); the
 * holds in force for a set of addresses; the admin's list with search and pages; release one or many.
 */
import type { Core } from '@strapi/strapi';
import { getPluginConfig } from '../config/plugin-config';
import { SUPPRESSION_UID } from '../content-types/uids';
import { NotFoundError } from '../core/errors';
import { parseInput } from '../core/parse-input';
import { releaseBodySchema, suppressionQuerySchema, suppressionWhere } from '../core/rules/suppression-query';
import { ALL_MAIL_SCOPE } from '../core/rules/unsubscribe';

export interface SuppressionRow {
  id: number;
  documentId: string;
  address: string;
  reason: string | null;
  until: string | null;
  bounces: number;
  scope: string;
  kind: 'bounce' | 'unsubscribe';
  createdAt: string;
  updatedAt: string;
}

/** What the API shows of a hold: "since" is when it was first recorded. */
export function toSuppressionDto(row: SuppressionRow) {
  return { id: row.documentId, address: row.address, kind: row.kind, scope: row.scope, reason: row.reason ?? '', since: row.createdAt, until: row.until, bounces: row.bounces };
}

export function suppressionStore(strapi: Core.Strapi) {
  const query = () => strapi.db.query(SUPPRESSION_UID);
  const inForce = (now: Date) => ({ $or: [{ until: { $null: true } }, { until: { $gt: now } }] });

  return {
    /** Holds in force now for these (lower-case) addresses. */
    async activeHolds(addresses: string[], now: Date): Promise<SuppressionRow[]> {
      if (!addresses.length) return [];
      return (await query().findMany({ where: { $and: [{ address: { $in: addresses } }, inForce(now)] } })) as SuppressionRow[];
    },

    /** Holds addresses that bounced permanently for flood.suppressBouncesDays (all mail). */
    async holdBounces(addresses: string[], reason: string, now: Date): Promise<void> {
      const days = getPluginConfig(strapi).flood.suppressBouncesDays;
      if (!days) return;
      const until = new Date(now.getTime() + days * 86_400_000);
      for (const address of new Set(addresses.map((a) => a.toLowerCase()))) {
        const existing = (await query().findOne({ where: { address, scope: ALL_MAIL_SCOPE } })) as SuppressionRow | null;
        if (existing) {
          await query().update({ where: { id: existing.id }, data: { until, reason: reason.slice(0, 2000), bounces: existing.bounces + 1 } });
          continue;
        }
        try {
          await query().create({ data: { address, until, reason: reason.slice(0, 2000), bounces: 1, scope: ALL_MAIL_SCOPE, kind: 'bounce' } });
        } catch {
          // Another instance recorded the same bounce first (unique address and scope): one hold is enough.
        }
      }
    },

    /** Records a recipient's opt-out (until released). Idempotent: a second one keeps the first and its date. */
    async optOut(address: string, scope: string, reason: string): Promise<{ created: boolean }> {
      const key = { address: address.toLowerCase(), scope };
      if (await query().findOne({ where: key })) return { created: false };
      try {
        await query().create({ data: { ...key, reason: reason.slice(0, 2000), until: null, bounces: 0, kind: 'unsubscribe' } });
        return { created: true };
      } catch {
        // The same link clicked twice at once, or on two instances: the other request recorded it.
        return { created: false };
      }
    },

    /** The admin's list: holds in force, newest first, with search and pages. */
    async list(rawQuery: unknown) {
      const q = parseInput(suppressionQuerySchema, rawQuery);
      const where = suppressionWhere(q, new Date());
      const [rows, total] = await Promise.all([
        query().findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], offset: (q.page - 1) * q.pageSize, limit: q.pageSize }),
        query().count({ where }),
      ]);
      return {
        results: (rows as SuppressionRow[]).map(toSuppressionDto),
        pagination: { page: q.page, pageSize: q.pageSize, total: Number(total), pageCount: Math.ceil(Number(total) / q.pageSize) },
      };
    },

    /** Lets an address receive mail again: every hold of it (bounce and opt-outs). */
    async release(address: string): Promise<void> {
      const deleted = await query().deleteMany({ where: { address: String(address).toLowerCase() } });
      if (!deleted.count) throw new NotFoundError('Suppressed address', address);
    },

    /** Releases the holds with these ids; ids that no longer exist are reported, the others released. */
    async releaseMany(body: unknown): Promise<{ released: number; missing: string[] }> {
      const { ids } = parseInput(releaseBodySchema, body);
      const found = (await query().findMany({ where: { documentId: { $in: ids } }, select: ['id', 'documentId'] })) as Pick<SuppressionRow, 'id' | 'documentId'>[];
      if (found.length) await query().deleteMany({ where: { id: { $in: found.map((r) => r.id) } } });
      const known = new Set(found.map((r) => r.documentId));
      return { released: found.length, missing: ids.filter((id) => !known.has(id)) };
    },
  };
}

export type SuppressionStore = ReturnType<typeof suppressionStore>;
