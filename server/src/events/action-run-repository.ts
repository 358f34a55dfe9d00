/*
 * The only code that writes action-run rows. Each change of status is one named transition of the
 * action-run lifecycle (core/events/action-run-lifecycle), guarded on the states it starts from and on
 * the lease owner; claims lock with FOR UPDATE SKIP LOCKED on PostgreSQL and MySQL/MariaDB and are one
 * claiming UPDATE on SQLite. A run is a row before it runs, so a crash or a failing receiver loses nothing.
 */
import type { Core } from '@strapi/strapi';
import { randomUUID } from 'node:crypto';
import { EVENT_ACTION_RUN_UID } from '../content-types/uids';
import { ACTION_RUN_TRANSITIONS, transitionSources, type ActionRunStatus, type AttemptDecision } from '../core/events/action-run-lifecycle';
import type { ActionType, EventAction, FoldedEvents, SmtpEvent } from '../core/events/event-types';
import { leaseOwner } from '../core/outbox/message-lifecycle';
import { eventTable } from './event-table';

export interface ActionRunRow {
  id: number;
  runId: string;
  ruleKey: string;
  ruleName: string;
  actionIndex: number;
  actionType: ActionType;
  action: EventAction;
  eventType: string;
  event: SmtpEvent;
  folded: FoldedEvents | null;
  test: boolean;
  status: ActionRunStatus;
  attempts: number;
  nextAttemptAt: string | null;
  leaseOwner: string | null;
  leaseExpiresAt: string | null;
  httpStatus: number | null;
  error: string | null;
  finishedAt: string | null;
  createdAt: string;
}

export type NewActionRun = Pick<ActionRunRow, 'ruleKey' | 'ruleName' | 'actionIndex' | 'action' | 'event' | 'folded'>;

export function createActionRunRepository(strapi: Core.Strapi) {
  const table = eventTable(strapi, EVENT_ACTION_RUN_UID);

  /** `enqueue`: the runs of one event, inserted in the caller's transaction when there is one (strapi.db.transaction). */
  async function enqueue(runs: NewActionRun[], now: Date): Promise<ActionRunRow[]> {
    const rows: ActionRunRow[] = [];
    for (const run of runs) {
      const data = {
        ...run,
        runId: randomUUID(),
        actionType: run.action.type,
        eventType: run.event.type,
        test: run.event.test,
        status: ACTION_RUN_TRANSITIONS.enqueue.to,
        attempts: 0,
        nextAttemptAt: now,
      };
      rows.push((await table.query().create({ data })) as ActionRunRow);
    }
    return rows;
  }

  /** `claim`: up to `limit` due runs for `instanceId` until `now + leaseMs`. */
  async function claimDue(instanceId: string, limit: number, now: Date, leaseMs: number): Promise<ActionRunRow[]> {
    const token = leaseOwner(instanceId, randomUUID());
    const k = table.knex();
    const due = (qb: any) => qb.whereIn(table.col('status'), transitionSources('claim')).andWhere(table.col('nextAttemptAt'), '<=', now);
    const ordered = (qb: any) => due(qb).orderBy(table.col('nextAttemptAt'), 'asc').orderBy('id', 'asc').limit(limit);
    const claim = table.toColumns({ status: ACTION_RUN_TRANSITIONS.claim.to, leaseOwner: token, leaseExpiresAt: new Date(now.getTime() + leaseMs) }, now);
    if (table.isSqlite()) {
      await k(table.name()).update(claim).whereIn('id', ordered(k(table.name()).select('id')));
    } else {
      await k.transaction(async (trx: any) => {
        const ids: { id: number }[] = await ordered(trx(table.name()).select('id')).forUpdate().skipLocked();
        if (ids.length) await trx(table.name()).update(claim).whereIn('id', ids.map((r) => r.id));
      });
    }
    return (await table.query().findMany({ where: { leaseOwner: token, status: ACTION_RUN_TRANSITIONS.claim.to }, orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }] })) as ActionRunRow[];
  }

  /** The attempt's result (markSucceeded, scheduleRetry or markFailed), written only under the claim it came from. */
  async function complete(row: Pick<ActionRunRow, 'id' | 'leaseOwner' | 'attempts'>, decision: AttemptDecision, now: Date): Promise<boolean> {
    const patch = {
      status: ACTION_RUN_TRANSITIONS[decision.transition].to,
      attempts: row.attempts + 1,
      nextAttemptAt: decision.nextAttemptAt,
      finishedAt: decision.finishedAt,
      httpStatus: decision.httpStatus,
      error: decision.error?.slice(0, 2000) ?? null,
      leaseOwner: null,
      leaseExpiresAt: null,
    };
    const count = await table
      .knex()(table.name())
      .where({ id: row.id, [table.col('leaseOwner')]: row.leaseOwner })
      .whereIn(table.col('status'), transitionSources(decision.transition))
      .update(table.toColumns(patch, now));
    return Number(count) > 0;
  }

  /** `release`: runs back to the queue, due at once, their attempts kept (the runner stopped or its instance is gone). */
  async function release(where: (qb: any) => any, now: Date): Promise<number> {
    const patch = table.toColumns({ status: ACTION_RUN_TRANSITIONS.release.to, leaseOwner: null, leaseExpiresAt: null, nextAttemptAt: now }, now);
    const count = await where(table.knex()(table.name()).whereIn(table.col('status'), transitionSources('release'))).update(patch);
    return Number(count) || 0;
  }

  return {
    enqueue,
    claimDue,
    complete,
    releaseHeld: (rows: Pick<ActionRunRow, 'id' | 'leaseOwner'>[], now: Date) =>
      rows.length ? release((qb) => qb.whereIn('id', rows.map((r) => r.id)).whereIn(table.col('leaseOwner'), rows.map((r) => r.leaseOwner ?? '')), now) : Promise.resolve(0),
    /** `release` of runs whose lease expired: the instance running them stopped before a result. */
    reclaimExpired: (now: Date) => release((qb) => qb.where(table.col('leaseExpiresAt'), '<', now), now),
    /** Extends the leases of runs this instance still runs; only rows still running under those owners. */
    async renewLeases(held: Pick<ActionRunRow, 'id' | 'leaseOwner'>[], now: Date, leaseMs: number): Promise<number> {
      if (!held.length) return 0;
      const count = await table
        .knex()(table.name())
        .whereIn('id', held.map((r) => r.id))
        .whereIn(table.col('leaseOwner'), held.map((r) => r.leaseOwner ?? ''))
        .where(table.col('status'), ACTION_RUN_TRANSITIONS.claim.to)
        .update({ [table.col('leaseExpiresAt')]: new Date(now.getTime() + leaseMs) });
      return Number(count) || 0;
    },
    /** Newest first, one page of a rule's runs. */
    async page(ruleKey: string, page: number, pageSize: number): Promise<{ rows: ActionRunRow[]; total: number }> {
      const where = { ruleKey };
      const [rows, total] = await Promise.all([
        table.query().findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], offset: (page - 1) * pageSize, limit: pageSize }),
        table.query().count({ where }),
      ]);
      return { rows: rows as ActionRunRow[], total: Number(total) };
    },
    async countsByRule(): Promise<Map<string, number>> {
      const rows: { rule_key?: string; ruleKey?: string; n: number | string }[] = await table.knex()(table.name()).select(`${table.col('ruleKey')} as ruleKey`).count('* as n').groupBy(table.col('ruleKey'));
      return new Map(rows.map((r) => [String(r.ruleKey), Number(r.n)]));
    },
    /** A deleted rule's history goes with it. */
    removeOfRule: async (ruleKey: string) => void (await table.query().deleteMany({ where: { ruleKey } })),
  };
}

export type ActionRunRepository = ReturnType<typeof createActionRunRepository>;
