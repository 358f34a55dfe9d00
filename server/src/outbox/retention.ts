/*
 * The mail log's retention: deletes failed and cancelled messages after N days, and deletes the bodies
 * (keeping the metadata) of finished messages after N days, beyond N messages, or beyond N MB.
 * Queued and sending messages are never touched. Idempotent, so several instances may run it.
 */
import type { Core } from '@strapi/strapi';
import type { PluginConfig } from '../config/schema';
import { MESSAGE_UID } from '../content-types/uids';

const FINISHED = ['sent', 'failed', 'cancelled'];
const DAY_MS = 86_400_000;
const BATCH = 500;

export interface RetentionReport {
  deletedMessages: number;
  purgedBodies: number;
}

export async function runRetention(strapi: Core.Strapi, options: PluginConfig['retention'], now = new Date()): Promise<RetentionReport> {
  const query = strapi.db.query(MESSAGE_UID);
  const report: RetentionReport = { deletedMessages: 0, purgedBodies: 0 };
  const purge = async (ids: number[]) => {
    if (!ids.length) return;
    const result = await query.updateMany({ where: { id: { $in: ids } }, data: { html: null, text: null, bodyPurgedAt: now } });
    report.purgedBodies += Number((result as { count?: number }).count ?? 0);
  };

  if (options.deleteFailedAfterDays > 0) {
    const cutoff = new Date(now.getTime() - options.deleteFailedAfterDays * DAY_MS);
    const result = await query.deleteMany({
      where: { $or: [{ status: 'failed', failedAt: { $lt: cutoff } }, { status: 'cancelled', cancelledAt: { $lt: cutoff } }] },
    });
    report.deletedMessages += Number((result as { count?: number }).count ?? 0);
  }

  const withBody = { status: { $in: FINISHED }, bodyPurgedAt: { $null: true } };

  if (options.deleteBodiesAfterDays > 0) {
    const cutoff = new Date(now.getTime() - options.deleteBodiesAfterDays * DAY_MS);
    for (;;) {
      const rows = (await query.findMany({ where: { ...withBody, createdAt: { $lt: cutoff } }, select: ['id'], limit: BATCH })) as { id: number }[];
      await purge(rows.map((r) => r.id));
      if (rows.length < BATCH) break;
    }
  }

  if (options.maxBodies > 0) {
    let excess = Number(await query.count({ where: withBody })) - options.maxBodies;
    while (excess > 0) {
      const rows = (await query.findMany({ where: withBody, select: ['id'], orderBy: [{ id: 'asc' }], limit: Math.min(BATCH, excess) })) as { id: number }[];
      if (!rows.length) break;
      await purge(rows.map((r) => r.id));
      excess -= rows.length;
    }
  }

  if (options.maxBodiesMb > 0) {
    const limitBytes = options.maxBodiesMb * 1024 * 1024;
    const knex = strapi.db.connection;
    const meta = strapi.db.metadata.get(MESSAGE_UID) as unknown as { tableName: string; attributes: Record<string, { columnName?: string }> };
    const c = (name: string) => meta.attributes[name]?.columnName ?? name;
    const [{ total }] = await knex(meta.tableName)
      .sum({ total: c('sizeBytes') })
      .whereIn(c('status'), FINISHED)
      .whereNull(c('bodyPurgedAt'));
    let excessBytes = Number(total ?? 0) - limitBytes;
    while (excessBytes > 0) {
      const rows = (await query.findMany({ where: withBody, select: ['id', 'sizeBytes'], orderBy: [{ id: 'asc' }], limit: BATCH })) as { id: number; sizeBytes: number }[];
      if (!rows.length) break;
      const ids: number[] = [];
      for (const row of rows) {
        if (excessBytes <= 0) break;
        ids.push(row.id);
        excessBytes -= row.sizeBytes;
      }
      await purge(ids);
    }
  }
  return report;
}
