/*
 * Notification rules: CRUD with complete validation (shape, fields, cron, recipients, template), dry
 * run, "run now", custom events (emit), recipient resolvers registered by developers, and the
 * lifecycle of this instance's rule engine and scheduler (started in bootstrap, stopped in destroy).
 */
import type { Core } from '@strapi/strapi';
import { ConflictError, InputError, NotFoundError, PluginError, type FieldProblem } from '../core/errors';
import { parseRule, type Rule } from '../core/rules/rule-input';
import { EVENT_NAME } from '../core/rules/rule-trigger';
import { checkInlineParts } from '../core/templates/template-input';
import type { TemplateCategory } from '../core/templates/variable-shape';
import { getPluginConfig, PLUGIN_ID } from '../config/plugin-config';
import { currentChainDepth } from '../outbox/chain-depth';
import { fireStore } from '../rules/fire-store';
import { floodState } from '../rules/flood-state';
import type { RecipientResolver } from '../rules/recipient-resolver';
import { ruleDispatcher } from '../rules/rule-dispatcher';
import { ruleEngine, type PreparedRecordEvent } from '../rules/rule-engine';
import { ruleStore, type RuleRow } from '../rules/rule-store';
import { pickableContentTypes, strapiModelLookup } from '../records/model-lookup';
import { scheduler } from '../rules/scheduler';
import type { RecordEvent } from '../rules/record-events';
import { MAILBOX_UID, SUPPRESSION_UID, TASK_GROUP_UID, TEMPLATE_UID } from '../content-types/uids';

type Plain = Record<string, unknown>;
const TEMPLATE_CATEGORY: Record<Rule['trigger']['type'], TemplateCategory> = { record: 'record', schedule: 'digest', time: 'time', event: 'event' };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = ruleStore(strapi);
  const fires = fireStore(strapi);
  const flood = floodState(strapi);
  const resolvers = new Map<string, RecipientResolver>();
  const dispatcher = ruleDispatcher(strapi, { store, flood, resolvers });
  const engine = ruleEngine(strapi, { store, dispatcher });
  const timers = scheduler(strapi, { store, fires, dispatcher, resolvers });
  let pruneTimer: NodeJS.Timeout | null = null;

  async function templateProblems(rule: Rule): Promise<FieldProblem[]> {
    const category = TEMPLATE_CATEGORY[rule.trigger.type];
    const uid = 'contentType' in rule.trigger ? (rule.trigger.contentType ?? null) : null;
    if (typeof rule.template !== 'string') {
      return checkInlineParts(rule.template, { category, contentType: uid, lookup: strapiModelLookup(strapi), sensitive: getPluginConfig(strapi).privacy.sensitiveFields, prefix: 'template' });
    }
    const rows = (await strapi.db.query(TEMPLATE_UID).findMany({ where: { name: rule.template } })) as { category: string; contentType: string | null }[];
    if (!rows.length) return [{ path: 'template', message: `there is no template named "${rule.template}"` }];
    const fits = rows.find((t) => (t.category === category || t.category === 'general') && (!t.contentType || t.contentType === uid));
    if (fits) return [];
    return [{ path: 'template', message: `"${rule.template}" is a ${rows[0]!.category} template${rows[0]!.contentType ? ` for ${rows[0]!.contentType}` : ''}; a ${rule.trigger.type} rule${uid ? ` on ${uid}` : ''} needs a ${category} template${uid ? ` for that type (or one for any type)` : ''}` }];
  }

  async function routingProblems(rule: Rule): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    if (rule.taskGroup && !(await strapi.db.query(TASK_GROUP_UID).findOne({ where: { name: rule.taskGroup } }))) {
      problems.push({ path: 'taskGroup', message: `there is no task group named "${rule.taskGroup}"` });
    }
    if (rule.mailbox && !(await strapi.db.query(MAILBOX_UID).findOne({ where: { $or: [{ name: rule.mailbox }, { documentId: rule.mailbox }] } }))) {
      problems.push({ path: 'mailbox', message: `there is no mailbox named "${rule.mailbox}"` });
    }
    return problems;
  }

  /** Every check; throws an InputError listing all problems (nothing is saved then). */
  async function validate(body: unknown): Promise<Rule> {
    const rule = parseRule(body, { lookup: strapiModelLookup(strapi), sensitive: getPluginConfig(strapi).privacy.sensitiveFields, now: new Date(), knownResolvers: new Set(resolvers.keys()) });
    const problems = [...(await templateProblems(rule)), ...(await routingProblems(rule))];
    if (problems.length) throw new InputError(problems);
    return rule;
  }

  async function assertNameFree(name: string, exceptId?: number) {
    const clash = await store.byName(name);
    if (clash && clash.id !== exceptId) throw new ConflictError([{ path: 'name', message: `a rule named "${name}" already exists` }]);
  }

  async function toDtos(rows: RuleRow[]) {
    const runs = await fires.latestRuns(rows.filter((r) => r.triggerType === 'schedule' || r.triggerType === 'time').map((r) => r.documentId));
    const stuckAfter = getPluginConfig(strapi).rules.stuckRunMinutes * 60_000;
    return rows.map((row) => {
      const run = runs.get(row.documentId);
      return {
        id: row.documentId,
        ...row.definition,
        enabled: row.enabled,
        managedBy: row.managedBy,
        stats: {
          lastFiredAt: row.lastFiredAt,
          firedCount: row.firedCount,
          sentCount: row.sentCount,
          suppressedCount: row.suppressedCount,
          lastError: row.lastError,
          lastErrorAt: row.lastErrorAt,
          lastRun: run ? { at: run.firedAt, status: run.status, handled: run.handled, note: run.note, stuck: run.status === 'running' && Date.now() - new Date(run.firedAt).getTime() > stuckAfter } : null,
        },
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
      };
    });
  }

  const active = (row: RuleRow) => ({ id: row.documentId, rule: row.definition });

  function assertEditable(row: RuleRow) {
    if (row.managedBy === 'config') {
      throw new ConflictError([{ path: 'managedBy', message: `the rule "${row.name}" is defined in config/plugins (rules.definitions); change it there` }]);
    }
  }

  /**
   * Makes the rules of `rules.definitions` exist exactly as written: created or updated by name,
   * and removed when they left the file. A bad definition stops start-up with its path.
   */
  async function syncConfigRules() {
    const definitions = getPluginConfig(strapi).rules.definitions;
    const parsed: Rule[] = [];
    const problems: FieldProblem[] = [];
    for (const [index, definition] of definitions.entries()) {
      try {
        parsed.push(await validate(definition));
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        problems.push(...error.problems.map((p) => ({ ...p, path: `rules.definitions.${index}.${p.path}` })));
      }
    }
    if (problems.length) throw new PluginError('INVALID_CONFIG', `Invalid rules in config/plugins (email-notifications):\n${problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n')}`, problems);
    const names = new Set(parsed.map((r) => r.name));
    if (names.size !== parsed.length) throw new PluginError('INVALID_CONFIG', 'rules.definitions: two rules have the same name; rule names must be unique');
    for (const rule of parsed) {
      const existing = await store.byName(rule.name);
      if (!existing) {
        try {
          await store.create(rule, 'config');
        } catch (error) {
          // Another instance starting at the same time created it first (unique name).
          if (!(await store.byName(rule.name))) throw error;
        }
      } else if (existing.managedBy === 'config') await store.update(existing, rule, 'config');
      else throw new PluginError('INVALID_CONFIG', `rules.definitions: a rule named "${rule.name}" was created in the admin; rename one of them`);
    }
    for (const row of await store.list()) if (row.managedBy === 'config' && !names.has(row.name)) await store.remove(row);
  }

  return {
    async list() {
      return toDtos(await store.list());
    },
    async findOne(id: string) {
      return (await toDtos([await store.get(id)]))[0];
    },
    async create(body: unknown) {
      const rule = await validate(body);
      await assertNameFree(rule.name);
      return (await toDtos([await store.create(rule)]))[0];
    },
    async update(id: string, body: unknown) {
      const row = await store.get(id);
      assertEditable(row);
      const rule = await validate(body);
      await assertNameFree(rule.name, row.id);
      timers.forget(id);
      return (await toDtos([await store.update(row, rule)]))[0];
    },
    async remove(id: string) {
      const row = await store.get(id);
      assertEditable(row);
      await store.remove(row);
      await fires.removeRule(id);
      timers.forget(id);
    },
    /** What a rule would do with a record (for a schedule: with the records matching now, no record needed); sends nothing. */
    async dryRun(id: string, body: unknown) {
      const row = await store.get(id);
      const input = (body ?? {}) as { documentId?: unknown; previous?: unknown };
      const trigger = row.definition.trigger;
      if (trigger.type === 'schedule') return timers.dryRunDigest(active(row));
      const uid = 'contentType' in trigger ? trigger.contentType : undefined;
      if (!uid) throw new InputError([{ path: 'documentId', message: 'a custom event rule without a content type has no record to try; emit the event from code instead' }]);
      if (typeof input.documentId !== 'string' || !input.documentId) throw new InputError([{ path: 'documentId', message: `is required: the id of a ${uid} record to try the rule on` }]);
      const previous = input.previous && typeof input.previous === 'object' ? (input.previous as Plain) : null;
      return engine.dryRunRecord(active(row), uid, input.documentId, previous);
    },
    /** Runs a schedule's digest or a time rule's scan now. */
    async runNow(id: string) {
      const row = await store.get(id);
      if (row.triggerType !== 'schedule' && row.triggerType !== 'time') throw new InputError([{ path: 'trigger.type', message: 'only schedule and time rules can be run on demand' }]);
      const result = await timers.runNow(active(row));
      await engine.idle();
      return result;
    },
    async suppressions() {
      return strapi.db.query(SUPPRESSION_UID).findMany({ where: { until: { $gt: new Date() } }, orderBy: [{ until: 'desc' }], limit: 1000 });
    },
    async releaseSuppression(address: string) {
      const deleted = await strapi.db.query(SUPPRESSION_UID).deleteMany({ where: { address: String(address).toLowerCase() } });
      if (!deleted.count) throw new NotFoundError('Suppressed address', address);
    },
    meta() {
      return {
        contentTypes: pickableContentTypes(strapi),
        resolvers: [...resolvers.keys()].sort(),
        events: ['create', 'update', 'delete', 'publish', 'unpublish'],
      };
    },

    /* Developer API (through the notifications service). */
    registerRecipientResolver(name: string, resolver: RecipientResolver) {
      if (!EVENT_NAME.test(name)) throw new InputError([{ path: 'name', message: 'must be a lower-case name like "rma-owner"' }]);
      if (typeof resolver !== 'function') throw new InputError([{ path: 'resolver', message: 'must be a function returning addresses' }]);
      resolvers.set(name, resolver);
    },
    async emit(name: string, payload: Plain = {}) {
      if (!EVENT_NAME.test(name)) throw new InputError([{ path: 'name', message: 'must be an event name like "rma.customer-replied"' }]);
      if (!getPluginConfig(strapi).rules.enabled) return [];
      return engine.emit(await store.eventRules(name), name, payload, currentChainDepth());
    },

    /* Used by the record-event middleware. */
    prepareRecordEvent: (uid: string, events: RecordEvent[], documentId: string | null, status: PreparedRecordEvent['status'], locale?: string, data?: Record<string, unknown>) =>
      engine.prepareRecordEvent(uid, events, documentId, status, locale, data),
    afterRecordEvent: (prepared: PreparedRecordEvent, documentId: string | null, result: unknown, data: Record<string, unknown> | undefined, depth: number) =>
      engine.afterRecordEvent(prepared, documentId, result, data, depth),

    /* Lifecycle. */
    syncConfigRules,
    start() {
      strapi.plugin(PLUGIN_ID).service('outbox').onBounce((addresses: string[], reason: string) => flood.suppress(addresses, reason, new Date()));
      timers.start();
      // The recipient history only matters within the longest cap or duplicate window.
      pruneTimer = setInterval(() => void flood.prune(new Date()).catch(() => undefined), 10 * 60_000);
      pruneTimer.unref();
    },
    async stop() {
      if (pruneTimer) clearInterval(pruneTimer);
      await timers.stop();
      await engine.idle();
    },
    /** Waits until notifications of committed record changes are queued (tests, shutdown). */
    idle: () => engine.idle(),
  };
};
