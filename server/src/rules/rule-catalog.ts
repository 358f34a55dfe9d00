/*
 * Notification rules as the admin and the plugin options manage them: CRUD with complete validation
 * (shape, fields, cron, recipients, template, routing), the rules of `rules.definitions` synced at
 * start, dry runs and "run now". It reads rule rows through the rule store only; the engine and the
 * scheduler that act on rules are built by the composition root and handed in.
 */
import type { Core } from '@strapi/strapi';
import { getPluginConfig } from '../config/plugin-config';
import { ConflictError, ForbiddenError, InputError, PluginError, type FieldProblem } from '../core/errors';
import { parseRule, type Rule } from '../core/rules/rule-input';
import { RECORD_EVENTS, TEMPLATE_CATEGORY_OF_TRIGGER } from '../core/rules/rule-trigger';
import { checkInlineParts } from '../core/templates/template-input';
import type { MailboxStore } from '../mailboxes/mailbox-store';
import { pickableContentTypes, strapiModelLookup } from '../records/model-lookup';
import { recordAccess, type AdminAbility } from '../records/record-access';
import type { TaskGroupStore } from '../routing/task-group-store';
import { templateStore } from '../templates/template-store';
import type { FireStore } from './fire-store';
import type { RecipientResolver } from './recipient-resolver';
import type { RuleEngine } from './rule-engine';
import type { RuleRow, RuleStore } from './rule-store';
import type { Scheduler } from './scheduler';

type Plain = Record<string, unknown>;

export interface RuleCatalogDeps {
  store: RuleStore;
  fires: FireStore;
  engine: Pick<RuleEngine, 'dryRunRecord' | 'idle'>;
  scheduler: Pick<Scheduler, 'dryRunDigest' | 'runNow' | 'forget'>;
  resolvers: Map<string, RecipientResolver>;
  taskGroups: Pick<TaskGroupStore, 'exists'>;
  mailboxes: Pick<MailboxStore, 'exists'>;
}

export function createRuleCatalog(strapi: Core.Strapi, deps: RuleCatalogDeps) {
  const { store, fires, resolvers } = deps;
  const engine = deps.engine;
  const timers = deps.scheduler;
  const templates = templateStore(strapi);

  async function templateProblems(rule: Rule): Promise<FieldProblem[]> {
    const category = TEMPLATE_CATEGORY_OF_TRIGGER[rule.trigger.type];
    const uid = 'contentType' in rule.trigger ? (rule.trigger.contentType ?? null) : null;
    if (typeof rule.template !== 'string') {
      return checkInlineParts(rule.template, { category, contentType: uid, lookup: strapiModelLookup(strapi), sensitive: getPluginConfig(strapi).privacy.sensitiveFields, prefix: 'template' });
    }
    const rows = await templates.byName(rule.template);
    if (!rows.length) return [{ path: 'template', message: `there is no template named "${rule.template}"` }];
    const fits = rows.find((t) => (t.category === category || t.category === 'general') && (!t.contentType || t.contentType === uid));
    if (fits) return [];
    return [{ path: 'template', message: `"${rule.template}" is a ${rows[0]!.category} template${rows[0]!.contentType ? ` for ${rows[0]!.contentType}` : ''}; a ${rule.trigger.type} rule${uid ? ` on ${uid}` : ''} needs a ${category} template${uid ? ` for that type (or one for any type)` : ''}` }];
  }

  async function routingProblems(rule: Rule): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    if (rule.taskGroup && !(await deps.taskGroups.exists(rule.taskGroup))) {
      problems.push({ path: 'taskGroup', message: `there is no task group named "${rule.taskGroup}"` });
    }
    if (rule.mailbox && !(await deps.mailboxes.exists(rule.mailbox))) {
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
    /**
     * What a rule would do with a record (for a schedule: with the records matching now, no record
     * needed); sends nothing. Only records the admin (`ability`) may read in the Content Manager are used.
     */
    async dryRun(id: string, body: unknown, ability: AdminAbility | undefined) {
      const row = await store.get(id);
      const input = (body ?? {}) as { documentId?: unknown; previous?: unknown };
      const trigger = row.definition.trigger;
      const access = recordAccess(strapi, ability);
      if (trigger.type === 'schedule') {
        const scope = await access.listScope(trigger.contentType);
        if (!scope.allowed) throw new ForbiddenError(scope.reason);
        return timers.dryRunDigest(active(row), scope);
      }
      const uid = 'contentType' in trigger ? trigger.contentType : undefined;
      if (!uid) throw new InputError([{ path: 'documentId', message: 'a custom event rule without a content type has no record to try; emit the event from code instead' }]);
      if (typeof input.documentId !== 'string' || !input.documentId) throw new InputError([{ path: 'documentId', message: `is required: the id of a ${uid} record to try the rule on` }]);
      const verdict = await access.mayRead(uid, input.documentId);
      if (!verdict.allowed) throw new ForbiddenError(verdict.reason);
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
    meta() {
      return { contentTypes: pickableContentTypes(strapi), resolvers: [...resolvers.keys()].sort(), events: [...RECORD_EVENTS] };
    },
    syncConfigRules,
  };
}

export type RuleCatalog = ReturnType<typeof createRuleCatalog>;
