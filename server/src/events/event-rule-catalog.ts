/*
 * The smtp-event-rules API's work: rules from the admin (the store) and from the plugin options
 * (read-only, "options:<name>"), their views with stats, create/update/delete with every input problem
 * named, the web-hook secret shown once, "Fire a test event" and the action history. No HTTP here.
 */
import { randomUUID } from 'node:crypto';
import { NotFoundError, PluginError } from '../core/errors';
import { parseEventRule, type EventRule } from '../core/events/event-rule-input';
import { ACTION_TYPES, EVENT_TYPES } from '../core/events/event-types';
import { OPTIONS_ID_PREFIX, type OptionsRule } from '../core/events/options-rules';
import { sampleEvent } from '../core/events/smtp-event';
import type { ActionRunRepository, ActionRunRow } from './action-run-repository';
import type { EventRuleRow, EventRuleStore } from './event-rule-store';
import { runsFor } from './event-recorder';
import { toRuleView, toRunView, type EventRuleView } from './event-rule-views';
import type { FrequencyWindows } from './frequency-windows';
import type { WebhookSecrets } from './webhook-secrets';

export interface EventRuleCatalogDeps {
  store: EventRuleStore;
  optionsRules(): OptionsRule[];
  runs: ActionRunRepository;
  windows: Pick<FrequencyWindows, 'stats' | 'remove'>;
  secrets: WebhookSecrets;
  providerNames(): string[];
  logDirectoryConfigured(): boolean;
  onQueued(runs: ActionRunRow[]): void;
}

type Ref = { kind: 'admin'; id: number } | { kind: 'options'; name: string };

function refOf(id: string | number): Ref {
  const text = String(id);
  if (text.startsWith(OPTIONS_ID_PREFIX)) return { kind: 'options', name: text.slice(OPTIONS_ID_PREFIX.length) };
  if (!/^\d+$/.test(text)) throw new NotFoundError('SMTP event rule', text);
  return { kind: 'admin', id: Number(text) };
}

const readOnly = (name: string) =>
  new PluginError('READ_ONLY', `The SMTP event rule "${name}" is declared in the plugin options (events.rules in config/plugins); change it there.`, [{ path: 'id', message: 'is a rule from the plugin options' }]);

const hasWebhook = (rule: EventRule) => rule.actions.some((a) => a.type === 'webhook');
const MAX_PAGE_SIZE = 100;

export function createEventRuleCatalog(deps: EventRuleCatalogDeps) {
  const { store, runs } = deps;
  const parse = (body: unknown) => parseEventRule(body, { knownProviders: new Set(deps.providerNames()) });

  async function statsOf() {
    const [windows, counts] = await Promise.all([deps.windows.stats(), runs.countsByRule()]);
    return (key: string) => ({ lastFiredAt: windows.get(key)?.lastFiredAt ?? null, actionsRun: counts.get(key) ?? 0, foldedCount: windows.get(key)?.foldedTotal ?? 0 });
  }

  const adminView = (row: EventRuleRow, stats: Awaited<ReturnType<typeof statsOf>>) =>
    toRuleView(row.id, row.definition, { source: 'admin', hasWebhookSecret: !!row.webhookSecret, stats: stats(String(row.id)) });
  const optionsView = (entry: OptionsRule, stats: Awaited<ReturnType<typeof statsOf>>) => {
    const key = `${OPTIONS_ID_PREFIX}${entry.rule.name}`;
    return toRuleView(key, entry.rule, { source: 'options', hasWebhookSecret: !!entry.webhookSecret, stats: stats(key) });
  };

  function optionsRule(name: string): OptionsRule {
    const entry = deps.optionsRules().find((r) => r.rule.name === name);
    if (!entry) throw new NotFoundError('SMTP event rule', `${OPTIONS_ID_PREFIX}${name}`);
    return entry;
  }

  async function findView(id: string | number): Promise<EventRuleView> {
    const ref = refOf(id);
    const stats = await statsOf();
    return ref.kind === 'options' ? optionsView(optionsRule(ref.name), stats) : adminView(await store.find(ref.id), stats);
  }

  /** The rule a test or the history is about, with its key. */
  async function resolve(id: string | number): Promise<{ key: string; rule: EventRule; ruleId: number | null }> {
    const ref = refOf(id);
    if (ref.kind === 'options') return { key: `${OPTIONS_ID_PREFIX}${ref.name}`, rule: optionsRule(ref.name).rule, ruleId: null };
    const row = await store.find(ref.id);
    return { key: String(row.id), rule: row.definition, ruleId: row.id };
  }

  function adminId(id: string | number): number {
    const ref = refOf(id);
    if (ref.kind === 'options') throw readOnly(ref.name);
    return ref.id;
  }

  return {
    async list(): Promise<{ results: EventRuleView[] }> {
      const stats = await statsOf();
      const rows = await store.list();
      return { results: [...deps.optionsRules().map((r) => optionsView(r, stats)), ...rows.map((row) => adminView(row, stats))] };
    },
    meta: () => ({
      eventTypes: [...EVENT_TYPES],
      actionTypes: [...ACTION_TYPES],
      providers: deps.providerNames(),
      logDirectoryConfigured: deps.logDirectoryConfigured(),
      timezones: Intl.supportedValuesOf('timeZone'),
    }),
    findOne: async (id: string | number) => ({ data: await findView(id) }),
    /** The secret is made with the rule when it has a web page action, and shown only in this answer. */
    async create(body: unknown): Promise<{ data: EventRuleView; webhookSecret?: string }> {
      const rule = parse(body);
      const secret = hasWebhook(rule) ? deps.secrets.generate() : null;
      const row = await store.create(rule, secret?.stored ?? null);
      return { data: await findView(row.id), ...(secret ? { webhookSecret: secret.plain } : {}) };
    },
    /** A rule that gets its first web page action gets its secret now, shown in this answer. */
    async update(id: string | number, body: unknown): Promise<{ data: EventRuleView; webhookSecret?: string }> {
      const ruleId = adminId(id);
      const rule = parse(body);
      const current = await store.find(ruleId);
      const secret = hasWebhook(rule) && !current.webhookSecret ? deps.secrets.generate() : null;
      await store.update(ruleId, rule, secret?.stored);
      return { data: await findView(ruleId), ...(secret ? { webhookSecret: secret.plain } : {}) };
    },
    /** The rule goes with its window and its history. */
    async remove(id: string | number): Promise<{ data: EventRuleView }> {
      const ruleId = adminId(id);
      const view = await findView(ruleId);
      await store.remove(ruleId);
      await deps.windows.remove(String(ruleId));
      await runs.removeOfRule(String(ruleId));
      return { data: view };
    },
    /** A new secret replaces the old one at once (calls in flight are signed with the new one). */
    async rotateSecret(id: string | number): Promise<{ webhookSecret: string }> {
      const ruleId = adminId(id);
      await store.find(ruleId);
      const secret = deps.secrets.generate();
      await store.setSecret(ruleId, secret.stored);
      return { webhookSecret: secret.plain };
    },
    /** Runs every action of the rule on a sample event marked as a test; the max frequency does not apply. */
    async test(id: string | number, now: Date) {
      const { key, rule } = await resolve(id);
      const event = sampleEvent(rule.eventType, randomUUID(), now);
      const queued = await runs.enqueue(runsFor({ key, rule }, event, null), now);
      deps.onQueued(queued);
      return { event, runs: queued.map(toRunView) };
    },
    async history(id: string | number, query: { page?: unknown; pageSize?: unknown }) {
      const { key } = await resolve(id);
      const page = Math.max(1, Math.floor(Number(query.page) || 1));
      const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(Number(query.pageSize) || 20)));
      const { rows, total } = await runs.page(key, page, pageSize);
      return { results: rows.map(toRunView), pagination: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) } };
    },
  };
}

export type EventRuleCatalog = ReturnType<typeof createEventRuleCatalog>;
