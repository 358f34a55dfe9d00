/*
 * Record rules that fired, from the save to the outbox (a transactional outbox): a pending row per
 * firing is written inside the save's transaction, and once it has committed the firing is rendered,
 * queued with its key as the message's idempotency key, and marked done. Firings an instance left
 * pending (it died between the commit and the queueing) are finished by the sweep of any instance.
 */
import type { Core } from '@strapi/strapi';
import { InputError } from '../core/errors';
import { recordIsGone } from '../core/rules/record-firing';
import { strapiModelLookup } from '../records/model-lookup';
import { loadRecord } from '../records/record-loader';
import type { FireStore, RecordFiring } from './fire-store';
import type { RuleDispatcher } from './rule-dispatcher';
import type { RuleRow, RuleStore } from './rule-store';

/** How many abandoned firings one sweep finishes; the next sweep takes the rest. */
const SWEEP_BATCH = 50;
/** How long finished firings are kept (for inspection) before a sweep deletes them, ms. */
const FINISHED_FIRINGS_KEPT_MS = 24 * 3_600_000;

export interface RecordFiringsDeps {
  store: Pick<RuleStore, 'get' | 'recordError'>;
  fires: Pick<FireStore, 'addPending' | 'pendingRecordFirings' | 'finishRecordFiring' | 'removeFinishedRecordFirings'>;
  dispatcher: Pick<RuleDispatcher, 'dispatch'>;
}

type Plain = Record<string, unknown>;

/** A record deleted since the firing reads as null (loadRecord's InputError); other errors stay errors. */
function nullWhenMissing(error: unknown): null {
  if (error instanceof InputError) return null;
  throw error;
}

/** Records read for a batch of firings: the firings of one save share one read. */
type RecordReads = Map<string, Promise<Plain | null>>;

export function createRecordFirings(strapi: Core.Strapi, deps: RecordFiringsDeps) {
  /** The record as its notification shows it: read again after the commit, or the previous version when it is gone. */
  function recordOf(firing: RecordFiring, reads: RecordReads): Promise<Plain | null> {
    if (recordIsGone(firing.event)) return Promise.resolve(firing.previous);
    const id = `${firing.contentType}:${firing.recordId}`;
    if (!reads.has(id)) reads.set(id, loadRecord(strapi, strapiModelLookup(strapi), firing.contentType, firing.recordId).catch(nullWhenMissing));
    return reads.get(id)!;
  }

  async function dispatch(firing: RecordFiring, row: RuleRow, reads: RecordReads): Promise<{ handled: number; note: string | null }> {
    const record = await recordOf(firing, reads);
    if (!record) return { handled: 0, note: `${firing.contentType} ${firing.recordId} no longer exists: nothing was sent` };
    const result = await deps.dispatcher.dispatch({
      rule: { id: row.documentId, rule: row.definition },
      record,
      previous: firing.event === 'create' ? null : firing.previous,
      eventType: firing.event,
      idempotencyKey: firing.key,
      chainDepth: firing.chainDepth,
      now: firing.firedAt,
    });
    return { handled: result.messageId ? 1 : 0, note: result.messageId ? null : result.notes.join('; ') || null };
  }

  /** Renders and queues one firing's message (once, whoever calls it), then ends the firing. Never throws. */
  async function finish(firing: RecordFiring, reads: RecordReads): Promise<void> {
    let name = firing.rule;
    try {
      const row = await deps.store.get(firing.rule);
      name = row.name;
      const { handled, note } = await dispatch(firing, row, reads);
      await deps.fires.finishRecordFiring(firing.key, 'done', handled, note);
    } catch (error) {
      const message = (error as Error).message;
      strapi.log.error(`[email-notifications] rule "${name}" on ${firing.contentType} ${firing.recordId} failed: ${message}`);
      await deps.fires.finishRecordFiring(firing.key, 'failed', 0, message).catch(() => undefined);
      await deps.store.recordError(firing.rule, message, new Date()).catch(() => undefined);
    }
  }

  async function finishAll(firings: RecordFiring[]): Promise<void> {
    const reads: RecordReads = new Map();
    for (const firing of firings) await finish(firing, reads);
  }

  return {
    /** Inside the save's transaction: the firings commit or roll back with the record. */
    write: (firings: RecordFiring[]) => deps.fires.addPending(firings),
    /** After the commit: the firings of one save, in order. */
    finishAll,
    /** Finishes firings still pending `graceMs` after they fired (their instance stopped); returns how many. */
    async finishAbandoned(now: Date, graceMs: number): Promise<number> {
      const abandoned = await deps.fires.pendingRecordFirings(new Date(now.getTime() - graceMs), SWEEP_BATCH);
      await finishAll(abandoned);
      return abandoned.length;
    },
    removeFinished: (now: Date) => deps.fires.removeFinishedRecordFirings(new Date(now.getTime() - FINISHED_FIRINGS_KEPT_MS)),
  };
}

export type RecordFirings = ReturnType<typeof createRecordFirings>;
