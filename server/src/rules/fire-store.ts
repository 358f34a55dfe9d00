/*
 * Rule firings as unique rows: one per schedule tick, per time-scan slot and per (rule, record,
 * window) of a time rule. Inserting the row is the claim: a duplicate key means another instance, or
 * an earlier run before a restart, already did it. Runs left "running" are reported as stuck.
 */
import type { Core } from '@strapi/strapi';
import { RULE_FIRE_UID } from '../content-types/uids';


export interface FireRow {
  id: number;
  key: string;
  rule: string;
  kind: 'tick' | 'scan' | 'time';
  recordId: string | null;
  windowKey: string | null;
  firedAt: string;
  status: 'running' | 'done' | 'failed';
  finishedAt: string | null;
  handled: number | null;
  note: string | null;
}

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
    async finish(id: number, status: 'done' | 'failed', handled: number, note: string | null): Promise<void> {
      await query().update({ where: { id }, data: { status, handled, note: note?.slice(0, 2000) ?? null, finishedAt: new Date() } });
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

export type FireStore = ReturnType<typeof fireStore>;
