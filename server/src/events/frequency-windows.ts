/*
 * The max-frequency windows in the database, one row per rule, shared by every instance and kept
 * across restarts. `admit` applies core/events/frequency-window's decision: opening a window is a
 * compare-and-set on the row's version, in one transaction with the insert of the action runs, so each
 * window runs its actions once however many instances see the storm; folding an event into an open
 * window is an increment, so a storm's events never race each other.
 */
import type { Core } from '@strapi/strapi';
import { EVENT_WINDOW_UID } from '../content-types/uids';
import { decideWindow, type WindowDecision, type WindowState } from '../core/events/frequency-window';
import type { ActionRunRepository, ActionRunRow, NewActionRun } from './action-run-repository';
import { eventTable } from './event-table';

interface WindowRow extends WindowState {
  id: number;
  ruleKey: string;
  version: number;
  lastFiredAt: string | null;
  foldedTotal: number;
}

export interface WindowStats {
  lastFiredAt: string | null;
  foldedTotal: number;
}

/** Enough for many instances racing on one storm: each lost race means another instance's write went in. */
const MAX_TRIES = 50;
const iso = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string).toISOString());

export function createFrequencyWindows(strapi: Core.Strapi, runs: Pick<ActionRunRepository, 'enqueue'>) {
  const table = eventTable(strapi, EVENT_WINDOW_UID);

  async function load(ruleKey: string): Promise<WindowRow> {
    for (let i = 0; i < 2; i += 1) {
      const row = (await table.query().findOne({ where: { ruleKey } })) as WindowRow | null;
      if (row) return row;
      try {
        await table.query().create({ data: { ruleKey, folded: 0, version: 0, foldedTotal: 0 } });
      } catch {
        // Another instance created it first (unique ruleKey): read theirs.
      }
    }
    throw new Error(`the frequency window of rule ${ruleKey} could not be created`);
  }

  const stateOf = (row: WindowRow): WindowState => ({ openedAt: iso(row.openedAt), folded: row.folded, firstFoldedAt: iso(row.firstFoldedAt), lastFoldedAt: iso(row.lastFoldedAt) });

  /**
   * Counts one more event in the open window, guarded on its opening time (read as the database holds
   * it), so a fold never lands in a window another instance has just closed; false when it did.
   */
  async function fold(row: WindowRow, now: Date): Promise<boolean> {
    const knex = table.knex();
    const c = table.col;
    const current = await knex(table.name()).where({ id: row.id }).first(c('openedAt'));
    const openedAt = current?.[c('openedAt')];
    if (openedAt === null || openedAt === undefined) return false;
    const count = await knex(table.name())
      .where({ id: row.id, [c('openedAt')]: openedAt })
      .update({
        [c('folded')]: knex.raw('?? + 1', [c('folded')]),
        [c('foldedTotal')]: knex.raw('?? + 1', [c('foldedTotal')]),
        [c('firstFoldedAt')]: knex.raw('COALESCE(??, ?)', [c('firstFoldedAt'), now]),
        [c('lastFoldedAt')]: now,
        // Not a guard for folds, but it makes a concurrent opening retry and report this event too.
        [c('version')]: knex.raw('?? + 1', [c('version')]),
        [c('updatedAt')]: now,
      });
    return Number(count) > 0;
  }

  /**
   * Opens a window (or, with no max frequency, just runs): false when another instance changed the
   * window since it was read. Without a max frequency there is no window to protect, so no guard.
   */
  async function apply(row: WindowRow, decision: WindowDecision & { run: true }, guarded: boolean, now: Date, build: (d: WindowDecision & { run: true }) => NewActionRun[]): Promise<ActionRunRow[] | false> {
    return strapi.db.transaction(async ({ trx }) => {
      const next = decision.next;
      const patch = table.toColumns(
        {
          openedAt: next.openedAt ? new Date(next.openedAt) : null,
          folded: next.folded,
          firstFoldedAt: next.firstFoldedAt ? new Date(next.firstFoldedAt) : null,
          lastFoldedAt: next.lastFoldedAt ? new Date(next.lastFoldedAt) : null,
          version: row.version + 1,
          lastFiredAt: now,
        },
        now,
      );
      const count = await trx(table.name()).where({ id: row.id, ...(guarded ? { [table.col('version')]: row.version } : {}) }).update(patch);
      if (!Number(count)) return false;
      return runs.enqueue(build(decision), now);
    });
  }

  return {
    /** Decides the event against the rule's window and, when it runs, writes its action runs; returns them (empty when folded). */
    async admit(ruleKey: string, maxFrequencyMinutes: number, now: Date, build: (decision: WindowDecision & { run: true }) => NewActionRun[]): Promise<{ decision: WindowDecision; runs: ActionRunRow[] }> {
      for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
        const row = await load(ruleKey);
        const decision = decideWindow(stateOf(row), maxFrequencyMinutes, now);
        if (!decision.run) {
          if (await fold(row, now)) return { decision, runs: [] };
          continue;
        }
        const written = await apply(row, decision, maxFrequencyMinutes > 0, now, build);
        if (written !== false) return { decision, runs: written };
      }
      throw new Error(`the frequency window of rule ${ruleKey} kept changing under ${MAX_TRIES} tries`);
    },
    async stats(): Promise<Map<string, WindowStats>> {
      const rows = (await table.query().findMany({})) as WindowRow[];
      return new Map(rows.map((row) => [row.ruleKey, { lastFiredAt: iso(row.lastFiredAt), foldedTotal: row.foldedTotal }]));
    },
    remove: async (ruleKey: string) => void (await table.query().deleteMany({ where: { ruleKey } })),
  };
}

export type FrequencyWindows = ReturnType<typeof createFrequencyWindows>;
