/*
 * The rule engine of one instance: evaluates record rules around a document-service write, custom
 * events from notifications.emit(), and dry runs. What a write fired is recorded inside its
 * transaction and dispatched only after it commits, never inside it; the dispatch promises are
 * tracked so shutdown (and tests) can wait for them.
 */
import type { Core } from '@strapi/strapi';
import { randomUUID } from 'node:crypto';
import { couldHoldAfterUpdate, evaluateCondition, evaluatePartially, explainCondition } from '../core/rules/condition-evaluate';
import { conditionRelations, loadedField } from '../core/rules/condition-relations';
import type { Rule } from '../core/rules/rule-input';
import { getPluginConfig } from '../config/plugin-config';
import { strapiModelLookup } from '../records/model-lookup';
import { loadRecord, relationPopulate } from '../records/record-loader';
import type { RecordEvent } from '../core/rules/rule-trigger';
import { dueAt } from '../core/rules/time-window';
import { firingSnapshot, recordFiringKey } from '../core/rules/record-firing';
import type { RecordFiring } from './fire-store';
import type { RecordFirings } from './record-firings';
import type { RuleDispatcher } from './rule-dispatcher';
import type { ActiveRule, RuleStore } from './rule-store';

type Plain = Record<string, unknown>;

export interface PreparedRecordEvent {
  uid: string;
  events: RecordEvent[];
  rules: ActiveRule[];
  previous: Plain | null;
  status: 'draft' | 'published' | undefined;
  locale: string | undefined;
  populate: Record<string, true>;
}

/**
 * Test only: EMAIL_NOTIFICATIONS_TEST_PAUSE_AFTER_COMMIT_MS holds committed firings this long before
 * their notifications are queued, so the crash tests can kill the process in that window. Read by
 * this code path only; never set it in production.
 */
async function testPauseAfterCommit(): Promise<void> {
  const ms = Number(process.env.EMAIL_NOTIFICATIONS_TEST_PAUSE_AFTER_COMMIT_MS ?? 0);
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
}

export function ruleEngine(strapi: Core.Strapi, deps: { store: RuleStore; dispatcher: RuleDispatcher; firings: Pick<RecordFirings, 'write' | 'finishAll'> }) {
  const pending = new Set<Promise<unknown>>();
  const lookup = () => strapiModelLookup(strapi);

  function track(work: () => Promise<unknown>): void {
    const promise = work()
      .catch((error) => strapi.log.error(`[email-notifications] rules: ${(error as Error).message}`))
      .finally(() => pending.delete(promise));
    pending.add(promise);
  }

  /**
   * Runs `work` once the surrounding transaction (if any) has committed: a rolled-back write sends
   * nothing. Tracked from the start, so idle() also waits for a commit that is still under way.
   */
  function afterCommit(work: () => Promise<unknown>): void {
    track(
      () =>
        new Promise<unknown>((resolve, reject) => {
          strapi.db
            .transaction(({ onCommit, onRollback }) => {
              onCommit(() => work().then(resolve, reject));
              onRollback(() => resolve(undefined));
            })
            .catch(reject);
        }),
    );
  }

  /**
   * One version of a record, read with the query engine rather than the document service: this runs
   * around every save of a type with rules, and the query engine costs a fraction (no sanitising,
   * no document middlewares). Private fields may be in it; they never reach a message (the template
   * context copies only reachable fields).
   */
  async function readVersion(uid: string, documentId: string, status: PreparedRecordEvent['status'], locale: string | undefined, populate: Record<string, true>) {
    const where: Plain = { documentId };
    if (status) where.publishedAt = status === 'published' ? { $notNull: true } : { $null: true };
    if (locale) where.locale = locale;
    return (await strapi.db.query(uid as never).findOne({ where, populate })) as Plain | null;
  }

  /**
   * The record after the write. An update or create returns it (scalar fields), so it is read again
   * only when a relation the conditions need was part of the write: this keeps a save cheap.
   */
  async function currentVersion(prepared: PreparedRecordEvent, documentId: string, result: unknown, data: Plain | undefined): Promise<Plain | null> {
    const returned = result && typeof result === 'object' && (result as Plain).documentId === documentId ? (result as Plain) : null;
    const relations = Object.keys(prepared.populate);
    const touched = relations.some((name) => data && Object.hasOwn(data, name));
    const sameVersion = prepared.events.length === 1 && (prepared.events[0] === 'update' || prepared.events[0] === 'create');
    if (returned && sameVersion && !touched && (prepared.previous || relations.length === 0)) {
      const unchanged = Object.fromEntries(relations.map((name) => [name, prepared.previous?.[name] ?? null]));
      return { ...returned, ...unchanged };
    }
    return readVersion(prepared.uid, documentId, prepared.status, prepared.locale, prepared.populate);
  }

  async function dispatchSafely(rule: ActiveRule, work: () => Promise<unknown>) {
    try {
      await work();
    } catch (error) {
      const message = (error as Error).message;
      strapi.log.error(`[email-notifications] rule "${rule.rule.name}" failed: ${message}`);
      await deps.store.recordError(rule.id, message, new Date()).catch(() => undefined);
    }
  }

  return {
    /** Before a write: the rules that may fire and the previous version they compare against. Null when none. */
    async prepareRecordEvent(uid: string, events: RecordEvent[], documentId: string | null, status: PreparedRecordEvent['status'], locale?: string, data?: Plain): Promise<PreparedRecordEvent | null> {
      if (!events.length) return null;
      let rules = (await deps.store.recordRules(uid)).filter((r) => r.rule.trigger.type === 'record' && r.rule.trigger.events.some((e) => events.includes(e)));
      // An update that writes none of the fields a rule watches for changes cannot fire it: most saves
      // then cost nothing at all (not even the read of the previous version).
      if (events.length === 1 && events[0] === 'update' && data && typeof data === 'object') {
        const written = new Set(Object.keys(data));
        rules = rules.filter((r) => couldHoldAfterUpdate(r.rule.conditions, written));
      }
      if (!rules.length) return null;
      const model = lookup()(uid);
      if (!model) return null;
      // Before the write only what "changed" compares is read; other relations are read afterwards,
      // and only when a rule's verdict depends on them.
      const populate: Record<string, true> = {};
      for (const rule of rules) conditionRelations(rule.rule.conditions, model, populate, true);
      // A deleted record cannot be read afterwards: keep everything its notification may show.
      if (events.includes('delete')) Object.assign(populate, relationPopulate(model, lookup()));
      const previous = documentId ? await readVersion(uid, documentId, status, locale, populate) : null;
      return { uid, events, rules, previous, status, locale, populate };
    },

    /**
     * After a write, inside its transaction: evaluates the prepared rules and returns what fired
     * (nothing is written yet; see recordFirings).
     */
    async evaluateRecordEvent(prepared: PreparedRecordEvent, documentId: string | null, result: unknown, data: Plain | undefined, depth: number): Promise<RecordFiring[]> {
      const max = getPluginConfig(strapi).rules.maxChainDepth;
      if (depth >= max) {
        strapi.log.warn(`[email-notifications] rules: ${prepared.uid} ${prepared.events.join('+')} not evaluated: notifications already caused ${depth} levels of changes (rules.maxChainDepth ${max})`);
        return [];
      }
      const model = lookup()(prepared.uid)!;
      const gone = prepared.events.includes('delete') || prepared.events.includes('unpublish');
      let current = gone || !documentId ? null : ((await currentVersion(prepared, documentId, result, data)) ?? null);
      let loaded = prepared.populate;
      const now = new Date();
      const eventOf = (rule: ActiveRule) => prepared.events.find((e) => (rule.rule.trigger as Extract<Rule['trigger'], { type: 'record' }>).events.includes(e))!;
      const verdict = (rule: ActiveRule, partial: boolean) => {
        const record = current ?? prepared.previous;
        if (!record) return false;
        const ctx = { record, previous: eventOf(rule) === 'create' ? null : prepared.previous, now };
        return partial ? evaluatePartially(rule.rule.conditions, ctx, loadedField(model, loaded)) : evaluateCondition(rule.rule.conditions, ctx);
      };
      const verdicts = prepared.rules.map((rule) => ({ rule, result: verdict(rule, true) }));
      const undecided = verdicts.filter((v) => v.result === null);
      if (undecided.length && documentId && !gone) {
        // Some verdicts depend on relations not read yet: read the record with them, once.
        const needed: Record<string, true> = { ...prepared.populate };
        for (const { rule } of undecided) conditionRelations(rule.rule.conditions, model, needed);
        current = (await readVersion(prepared.uid, documentId, prepared.status, prepared.locale, needed)) ?? current;
        loaded = needed;
        for (const v of undecided) v.result = verdict(v.rule, false);
      }
      const matches = verdicts.filter((v) => v.result === true);
      if (!matches.length || !documentId) return [];
      const previous = prepared.previous ? firingSnapshot(prepared.previous, model, lookup(), getPluginConfig(strapi).privacy.sensitiveFields) : null;
      const stamp = String(current?.updatedAt ?? prepared.previous?.updatedAt ?? now.toISOString());
      return matches.map(({ rule }) => {
        const event = eventOf(rule);
        return { key: recordFiringKey(rule.id, documentId, event, stamp), rule: rule.id, contentType: prepared.uid, recordId: documentId, event, previous, chainDepth: depth, firedAt: now };
      });
    },

    /**
     * Writes what fired in the save's transaction, and queues the notifications once it commits: a
     * rolled-back save leaves no firing, and a firing whose instance dies after the commit is
     * finished by the sweep (rules/record-firings).
     */
    async recordFirings(firings: RecordFiring[]): Promise<void> {
      await deps.firings.write(firings);
      afterCommit(async () => {
        await testPauseAfterCommit();
        await deps.firings.finishAll(firings);
      });
    },

    /** A custom event from code: rules listening to `name` evaluate the payload and send. */
    async emit(rules: ActiveRule[], name: string, payload: Plain, depth: number) {
      const now = new Date();
      const results: { ruleId: string; matched: boolean; messageId: string | null }[] = [];
      for (const rule of rules) {
        const trigger = rule.rule.trigger as Extract<Rule['trigger'], { type: 'event' }>;
        let record: Plain | null = null;
        const documentId = (payload.documentId ?? (payload.record as Plain | undefined)?.documentId) as string | undefined;
        if (trigger.contentType && documentId) record = await loadRecord(strapi, lookup(), trigger.contentType, documentId, 'payload.documentId');
        const matched = evaluateCondition(rule.rule.conditions, { record: record ?? payload, previous: null, now });
        let messageId: string | null = null;
        if (matched && depth < getPluginConfig(strapi).rules.maxChainDepth) {
          await dispatchSafely(rule, async () => {
            const key = typeof payload.idempotencyKey === 'string' ? `event:${rule.id}:${payload.idempotencyKey}` : `event:${rule.id}:${name}:${randomUUID()}`;
            messageId = (await deps.dispatcher.dispatch({ rule, record, eventName: name, payload, idempotencyKey: key, chainDepth: depth, now })).messageId;
          });
        }
        results.push({ ruleId: rule.id, matched, messageId });
      }
      return results;
    },

    /** Whether a record matches a rule and what it would send; nothing is queued or counted. */
    async dryRunRecord(rule: ActiveRule, uid: string, documentId: string, previousOverrides: Plain | null) {
      const now = new Date();
      const record = await loadRecord(strapi, lookup(), uid, documentId);
      const previous = previousOverrides ? { ...record, ...previousOverrides } : null;
      const explanation = explainCondition(rule.rule.conditions, { record, previous, now });
      const trigger = rule.rule.trigger;
      const eventType = trigger.type === 'record' ? (previous ? 'update' : 'create') : undefined;
      // A time rule also needs the record to be overdue.
      const due = trigger.type === 'time' ? dueAt(record, trigger) : null;
      const overdue = trigger.type !== 'time' || (due !== null && due.getTime() <= now.getTime());
      const dueInfo = due ? { at: due, overdueHours: Math.max(0, Math.floor((now.getTime() - due.getTime()) / 3_600_000)) } : undefined;
      const preview = await deps.dispatcher.dispatch({ rule, record, previous, eventType, ...(dueInfo ? { due: dueInfo } : {}), idempotencyKey: 'dry-run', chainDepth: 0, now }, { dryRun: true });
      if (trigger.type === 'time') preview.notes.push(due ? `due ${due.toISOString()}: ${overdue ? 'overdue' : 'not overdue yet'}` : `"${trigger.field}" or the hours are empty: never overdue`);
      return { matched: explanation.matched && overdue, explanation, ...preview };
    },

    /** Waits for dispatches started after commits (shutdown, tests). */
    async idle(): Promise<void> {
      while (pending.size) await Promise.allSettled([...pending]);
    },
  };
}

export type RuleEngine = ReturnType<typeof ruleEngine>;
