/*
 * Rule firings as unique rows: one per schedule tick, per time-scan slot, per (rule, record, window)
 * of a time rule, and per record rule that fired on a save. Inserting the row is the claim: a
 * duplicate key means another instance, or an earlier run before a restart, already did it. Runs left
 * "running" are reported as stuck; record firings stay "pending" until their message is queued.
 */
import type { Core } from '@strapi/strapi';
import { RULE_FIRE_UID } from '../content-types/uids';
import type { RecordEvent } from '../core/rules/rule-trigger';

export interface FireRow {
  id: number;
  key: string;
  rule: string;
  kind: 'tick' | 'scan' | 'time' | 'record';
  recordId: string | null;
  windowKey: string | null;
  firedAt: string;
  status: 'running' | 'pending' | 'done' | 'failed';
  finishedAt: string | null;
  handled: number | null;
  note: string | null;
}

/** A record rule that fired on a save: what its notification needs once the save has committed. */
export interface RecordFiring {
  key: string;
  rule: string;
  contentType: string;
  recordId: string;
  event: RecordEvent;
  /** The previous version (see core/rules/record-firing's firingSnapshot); null on create. */
  previous: Record<string, unknown> | null;
  chainDepth: number;
  firedAt: Date;
}

type FinishedStatus = 'done' | 'failed';

export function fireStore(strapi: Core.Strapi) {
  const query = () => strapi.db.query(RULE_FIRE_UID);

  return {
    /** Inserts the row; false when the key exists (someone else fired it). */
    async claim(data: Omit<FireRow, 'id' | 'finishedAt' | 'handled' | 'note'>): Promise<FireRow | null> {
      try {
        return (await query().create({ data })) as FireRow;
      } catch (error) {
        if (await query().findOne({ where: { key: data.key }, select: ['id'] })) return null;
        throw error;
      }
    },
    async finish(id: number, status: FinishedStatus, handled: number, note: string | null): Promise<void> {
      await query().update({ where: { id }, data: finished(status, handled, note) });
    },
    /**
     * Pending rows for record firings, written in the surrounding transaction (the save's): they
     * commit or roll back with the record. A key already there is skipped, not an error, so a
     * repeated evaluation of the same write never fails the save.
     */
    async addPending(firings: RecordFiring[]): Promise<void> {
      for (const firing of firings) {
        const row = { ...firing, kind: 'record', status: 'pending', windowKey: null, handled: 0, previous: firing.previous === null ? null : JSON.stringify(firing.previous) };
        await strapi.db.entityManager.createQueryBuilder(RULE_FIRE_UID).insert(row).onConflict(['key']).ignore().execute();
      }
    },
    /** Record firings still pending that fired before `before`, oldest first. */
    async pendingRecordFirings(before: Date, limit: number): Promise<RecordFiring[]> {
      const rows = (await query().findMany({ where: { kind: 'record', status: 'pending', firedAt: { $lt: before } }, orderBy: [{ firedAt: 'asc' }], limit })) as (RecordFiring & { firedAt: string })[];
      return rows.map((row) => ({ key: row.key, rule: row.rule, contentType: row.contentType, recordId: row.recordId, event: row.event, previous: row.previous ?? null, chainDepth: row.chainDepth ?? 0, firedAt: new Date(row.firedAt) }));
    },
    /** Ends a pending record firing; false when it had already ended (another instance finished it). */
    async finishRecordFiring(key: string, status: FinishedStatus, handled: number, note: string | null): Promise<boolean> {
      const result = await query().updateMany({ where: { key, status: 'pending' }, data: finished(status, handled, note) });
      return Number((result as { count?: number }).count) > 0;
    },
    /** Deletes record firings that ended before `before`. */
    async removeFinishedRecordFirings(before: Date): Promise<number> {
      const result = await query().deleteMany({ where: { kind: 'record', status: { $in: ['done', 'failed'] }, finishedAt: { $lt: before } } });
      return Number((result as { count?: number }).count ?? 0);
    },
    /** The latest tick a schedule ran (in any instance). */
    async lastTick(ruleId: string): Promise<Date | null> {
      const row = (await query().findOne({ where: { rule: ruleId, kind: 'tick' }, orderBy: [{ firedAt: 'desc' }] })) as FireRow | null;
      return row ? new Date(row.firedAt) : null;
    },
    /** Open "once" windows of a time rule, a page at a time. */
    async openOnce(ruleId: string, afterId: number, limit: number): Promise<FireRow[]> {
      return (await query().findMany({ where: { rule: ruleId, kind: 'time', windowKey: 'once', id: { $gt: afterId } }, orderBy: [{ id: 'asc' }], limit })) as FireRow[];
    },
    async remove(ids: number[]): Promise<void> {
      if (ids.length) await query().deleteMany({ where: { id: { $in: ids } } });
    },
    async removeRule(ruleId: string): Promise<void> {
      await query().deleteMany({ where: { rule: ruleId } });
    },
    /** Schedule and scan runs still running after `minutes`. */
    async stuck(minutes: number, now: Date): Promise<FireRow[]> {
      return (await query().findMany({ where: { status: 'running', kind: { $in: ['tick', 'scan'] }, firedAt: { $lt: new Date(now.getTime() - minutes * 60_000) } } })) as FireRow[];
    },
    async latestRuns(ruleIds: string[]): Promise<Map<string, FireRow>> {
      const rows = ruleIds.length
        ? ((await query().findMany({ where: { rule: { $in: ruleIds }, kind: { $in: ['tick', 'scan'] } }, orderBy: [{ firedAt: 'desc' }], limit: ruleIds.length * 5 })) as FireRow[])
        : [];
      const latest = new Map<string, FireRow>();
      for (const row of rows) if (!latest.has(row.rule)) latest.set(row.rule, row);
      return latest;
    },
  };
}

function finished(status: FinishedStatus, handled: number, note: string | null) {
  return { status, handled, note: note?.slice(0, 2000) ?? null, finishedAt: new Date() };
}

export type FireStore = ReturnType<typeof fireStore>;
