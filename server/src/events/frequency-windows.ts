/*
 * The max-frequency windows in the database, one row per rule, shared by every instance and kept
 * across restarts. `admit` applies core/events/frequency-window's decision with a compare-and-set on
 * the row's version, in one transaction with the insert of the action runs it decides to run, so
 * however many instances see the same storm, each window runs its actions once and counts the rest.
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

  /** One try: false when another instance changed the window since it was read. */
  async function apply(row: WindowRow, decision: WindowDecision, now: Date, build: (d: WindowDecision & { run: true }) => NewActionRun[]): Promise<ActionRunRow[] | false> {
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
          foldedTotal: row.foldedTotal + (decision.run ? 0 : 1),
        },
        now,
      );
      const count = await trx(table.name()).where({ id: row.id, [table.col('version')]: row.version }).update(patch);
      if (!Number(count)) return false;
      return decision.run ? runs.enqueue(build(decision), now) : [];
    });
  }

  return {
    /** Decides the event against the rule's window and, when it runs, writes its action runs; returns them (empty when folded). */
    async admit(ruleKey: string, maxFrequencyMinutes: number, now: Date, build: (decision: WindowDecision & { run: true }) => NewActionRun[]): Promise<{ decision: WindowDecision; runs: ActionRunRow[] }> {
      for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
        const row = await load(ruleKey);
        const decision = decideWindow(stateOf(row), maxFrequencyMinutes, now);
        const written = await apply(row, decision, now, build);
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
