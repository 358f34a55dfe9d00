/*
 * Schedules (digests) and time scans (TAT exceeded), run by every instance on a timer but fired once
 * per tick across instances: the fire row of the tick (or scan slot) is inserted first, and only the
 * instance whose insert succeeds does the work. Records are read in batches with the filters the
 * conditions allow, capped per run; each overdue record is notified once per window.
 */
import type { Core } from '@strapi/strapi';
import type { Address } from '../core/delivery/addresses';
import { evaluateCondition } from '../core/rules/condition-evaluate';
import { conditionToFilters } from '../core/rules/condition-filters';
import type { Condition } from '../core/rules/condition-tree';
import type { ScheduleTrigger, TimeTrigger } from '../core/rules/rule-input';
import { ticksToRun } from '../core/rules/schedule-ticks';
import { dueAt, windowKey } from '../core/rules/time-window';
import { getPluginConfig } from '../config/plugin-config';
import type { FireStore } from './fire-store';
import type { RecipientResolver } from './recipient-resolver';
import { recipientResolver, resolverContext } from './recipient-resolver';
import type { RuleDispatcher } from './rule-dispatcher';
import type { ActiveRule, RuleStore } from './rule-store';
import { strapiModelLookup } from '../records/model-lookup';
import { relationPopulate } from '../records/record-loader';

type Plain = Record<string, unknown>;
const PAGE = 100;

const both = (a: Condition, b: Condition | undefined): Condition => (b ? { all: [a, b] } : a);

export function scheduler(strapi: Core.Strapi, deps: { store: RuleStore; fires: FireStore; dispatcher: RuleDispatcher; resolvers: Map<string, RecipientResolver> }) {
  const lookup = () => strapiModelLookup(strapi);
  const lastTicks = new Map<string, Date | null>();
  let timer: NodeJS.Timeout | null = null;
  let running = false;

  /** Reads matching records page by page (by id), re-checking conditions the filters could not express. */
  async function* matching(uid: string, condition: Condition, now: Date, extraFilters: Plain = {}): AsyncGenerator<Plain> {
    const model = lookup()(uid)!;
    const { filters, exact } = conditionToFilters(condition, now, { lookup: lookup(), uid });
    const where = filters ? { $and: [filters, extraFilters] } : extraFilters;
    const status = model.draftAndPublish ? { status: 'published' } : {};
    for (let start = 0; ; start += PAGE) {
      const page = (await strapi.documents(uid as never).findMany({ filters: where, sort: 'id:asc', start, limit: PAGE, populate: relationPopulate(model, lookup()), ...status } as never)) as Plain[];
      for (const record of page) if (exact || evaluateCondition(condition, { record, previous: null, now })) yield record;
      if (page.length < PAGE) return;
    }
  }

  /** Who gets which records: path recipients their own records, the others every record. `scope` narrows the records (a dry run: those the admin may read). */
  async function collectDigest(rule: ActiveRule, trigger: ScheduleTrigger, now: Date, scope: Plain = {}) {
    const records: Plain[] = [];
    let count = 0;
    for await (const record of matching(trigger.contentType, both(trigger.filters ?? { all: [] }, rule.rule.conditions), now, scope)) {
      count += 1;
      if (records.length < trigger.maxRecords) records.push(record);
    }
    const resolver = recipientResolver(strapi, deps.resolvers);
    const all = [...rule.rule.recipients.to, ...rule.rule.recipients.cc, ...rule.rule.recipients.bcc];
    const byAddress = new Map<string, { address: Address; records: Plain[]; count: number }>();
    const add = (address: Address, list: Plain[], total: number) => {
      const key = address.address.toLowerCase();
      const entry = byAddress.get(key) ?? { address, records: [], count: 0 };
      for (const r of list) if (!entry.records.includes(r)) entry.records.push(r);
      entry.count = Math.max(entry.count, total, entry.records.length);
      byAddress.set(key, entry);
    };
    const fixed = await resolver.resolve({ to: all.filter((e) => !('path' in e)), cc: [], bcc: [] }, resolverContext(strapi, rule, { contentType: trigger.contentType }));
    for (const address of fixed.to) add(address, records, count);
    const paths = all.filter((e) => 'path' in e);
    if (paths.length) {
      for (const record of records) {
        const resolved = await resolver.resolve({ to: paths, cc: [], bcc: [] }, resolverContext(strapi, rule, { record, contentType: trigger.contentType }));
        for (const address of resolved.to) add(address, [record], 0);
      }
    }
    return { count, groups: [...byAddress.values()], notes: fixed.notes };
  }

  /** One digest per recipient. */
  async function runDigest(rule: ActiveRule, trigger: ScheduleTrigger, tickKey: string, now: Date): Promise<number> {
    const { count, groups } = await collectDigest(rule, trigger, now);
    if (!count && !trigger.sendWhenEmpty) return 0;
    for (const { address, records, count: mine } of groups) {
      await deps.dispatcher.dispatch({ rule, records, count: mine, onlyTo: address, idempotencyKey: `digest:${tickKey}:${address.address.toLowerCase()}`, chainDepth: 0, now });
    }
    return count;
  }

  /** Closes "once" windows of records that left the condition, so their re-entry notifies again. */
  async function closeLeftWindows(rule: ActiveRule, trigger: TimeTrigger, now: Date): Promise<void> {
    for (let afterId = 0; ; ) {
      const rows = await deps.fires.openOnce(rule.id, afterId, 200);
      if (!rows.length) return;
      afterId = rows[rows.length - 1]!.id;
      const ids = rows.map((r) => r.recordId!).filter(Boolean);
      const still = new Set<string>();
      for await (const record of matching(trigger.contentType, rule.rule.conditions, now, { documentId: { $in: ids } })) {
        const due = dueAt(record, trigger);
        if (due && due.getTime() <= now.getTime()) still.add(String(record.documentId));
      }
      await deps.fires.remove(rows.filter((r) => !still.has(r.recordId ?? '')).map((r) => r.id));
    }
  }

  async function runTimeScan(rule: ActiveRule, trigger: TimeTrigger, now: Date): Promise<number> {
    if (trigger.repeat === 'once') await closeLeftWindows(rule, trigger, now);
    const extra: Plain = { [trigger.field]: typeof trigger.olderThanHours === 'number' ? { $lt: new Date(now.getTime() - trigger.olderThanHours * 3_600_000) } : { $lt: now } };
    let handled = 0;
    for await (const record of matching(trigger.contentType, rule.rule.conditions, now, extra)) {
      if (handled >= trigger.maxRecordsPerRun) break;
      const due = dueAt(record, trigger);
      if (!due || due.getTime() > now.getTime()) continue;
      const window = windowKey(trigger.repeat, { dueAt: due, now, timezone: trigger.timezone });
      const key = `time:${rule.id}:${String(record.documentId)}:${window}`;
      const claimed = await deps.fires.claim({ key, rule: rule.id, kind: 'time', recordId: String(record.documentId), windowKey: window, firedAt: now.toISOString(), status: 'done' });
      if (!claimed) continue;
      handled += 1;
      await deps.dispatcher.dispatch({
        rule,
        record,
        due: { at: due, overdueHours: Math.floor((now.getTime() - due.getTime()) / 3_600_000) },
        // The row id makes each stay in the condition its own message: a record that left and came back is notified again.
        idempotencyKey: `${key}:${claimed.id}`,
        chainDepth: 0,
        now,
      });
    }
    return handled;
  }

  /** Claims the run's row, does the work, and records the outcome (a failure is kept for the admin). */
  async function run(rule: ActiveRule, key: string, kind: 'tick' | 'scan', firedAt: Date, work: () => Promise<number>): Promise<boolean> {
    const row = await deps.fires.claim({ key, rule: rule.id, kind, recordId: null, windowKey: null, firedAt: firedAt.toISOString(), status: 'running' });
    if (!row) return false;
    try {
      await deps.fires.finish(row.id, 'done', await work(), null);
    } catch (error) {
      const message = (error as Error).message;
      strapi.log.error(`[email-notifications] rule "${rule.rule.name}" ${kind} failed: ${message}`);
      await deps.fires.finish(row.id, 'failed', 0, message);
      await deps.store.recordError(rule.id, message, new Date());
    }
    return true;
  }

  async function tickRule(rule: ActiveRule, now: Date): Promise<void> {
    const trigger = rule.rule.trigger;
    if (trigger.type === 'schedule') {
      if (!lastTicks.has(rule.id)) lastTicks.set(rule.id, await deps.fires.lastTick(rule.id));
      for (const tick of ticksToRun({ cron: trigger.cron, timezone: trigger.timezone, lastRunTick: lastTicks.get(rule.id) ?? null, now, catchUp: trigger.catchUp })) {
        const key = `tick:${rule.id}:${tick.toISOString()}`;
        lastTicks.set(rule.id, tick);
        await run(rule, key, 'tick', tick, () => runDigest(rule, trigger, key, now));
      }
    } else if (trigger.type === 'time') {
      const slotMs = trigger.everyMinutes * 60_000;
      const slot = new Date(Math.floor(now.getTime() / slotMs) * slotMs);
      await run(rule, `scan:${rule.id}:${slot.toISOString()}`, 'scan', slot, () => runTimeScan(rule, trigger, now));
    }
  }

  async function tick(): Promise<void> {
    if (running) return;
    running = true;
    try {
      const now = new Date();
      for (const rule of await deps.store.timedRules()) await tickRule(rule, now);
    } catch (error) {
      strapi.log.error(`[email-notifications] scheduler: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  }

  return {
    start() {
      const config = getPluginConfig(strapi).rules;
      if (!config.schedulerEnabled || timer) return;
      timer = setInterval(() => void tick(), config.tickIntervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      while (running) await new Promise((resolve) => setTimeout(resolve, 20));
    },
    /** Runs a schedule's digest or a time rule's scan now ("Run now"), outside the timer. */
    async runNow(rule: ActiveRule): Promise<{ ran: boolean; handled: number }> {
      const now = new Date();
      let handled = 0;
      const trigger = rule.rule.trigger;
      const key = `${trigger.type === 'schedule' ? 'tick' : 'scan'}:${rule.id}:manual:${now.toISOString()}`;
      const ran = await run(rule, key, trigger.type === 'schedule' ? 'tick' : 'scan', now, async () => {
        handled = trigger.type === 'schedule' ? await runDigest(rule, trigger, key, now) : trigger.type === 'time' ? await runTimeScan(rule, trigger, now) : 0;
        return handled;
      });
      return { ran, handled };
    },
    /**
     * What a schedule would send now, in the shape of a record dry run: the first recipient's digest,
     * every recipient with their number of records in `recipients`, and notes. Nothing is sent. Only
     * the records within `readable` are used (the admin's Content Manager permission).
     */
    async dryRunDigest(rule: ActiveRule, readable: { filters: Plain; partial: boolean }) {
      const trigger = rule.rule.trigger as ScheduleTrigger;
      const now = new Date();
      const { count, groups, notes } = await collectDigest(rule, trigger, now, readable.filters);
      const wouldSend = (count > 0 || trigger.sendWhenEmpty) && groups.length > 0;
      const first = groups[0];
      const preview = first
        ? await deps.dispatcher.dispatch({ rule, records: first.records, count: first.count, onlyTo: first.address, idempotencyKey: 'dry-run', chainDepth: 0, now }, { dryRun: true })
        : { to: [], cc: [], bcc: [], suppressed: [], notes: [], subject: null, html: null, text: null, messageId: null };
      const label = `${count} record${count === 1 ? '' : 's'} match now`;
      return {
        ...preview,
        matched: wouldSend,
        explanation: { label, matched: count > 0 },
        count,
        recipients: groups.map((g) => ({ address: g.address.address, records: g.records.length })),
        notes: [
          ...(readable.partial ? ['only the records your role may read in the Content Manager are included; the digest itself may hold more'] : []),
          ...notes,
          ...preview.notes,
          ...groups.map((g) => `${g.address.address} would get a digest of ${g.records.length} record${g.records.length === 1 ? '' : 's'}`),
          ...(wouldSend ? [] : ['nothing would be sent now (no matching record, and the rule does not send empty digests)']),
        ],
      };
    },
    forget(ruleId: string) {
      lastTicks.delete(ruleId);
    },
  };
}

export type Scheduler = ReturnType<typeof scheduler>;
