/*
 * The only code that reads and writes rule rows. Enabled rules are cached per instance by trigger
 * (record rules by content type, event rules by name) and reloaded when a rule changes here or, for
 * changes made by another instance, after a few seconds.
 */
import type { Core } from '@strapi/strapi';
import { NotFoundError } from '../core/errors';
import type { Rule } from '../core/rules/rule-input';
import { RULE_UID } from '../content-types/uids';


export interface RuleRow {
  id: number;
  documentId: string;
  name: string;
  enabled: boolean;
  category: string;
  triggerType: Rule['trigger']['type'];
  contentType: string | null;
  eventName: string | null;
  definition: Rule;
  /** "config": declared in config/plugins (rules.definitions), read-only in the admin. */
  managedBy: 'admin' | 'config';
  position: number;
  lastFiredAt: string | null;
  firedCount: number;
  sentCount: number;
  suppressedCount: number;
  lastError: string | null;
  lastErrorAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ActiveRule {
  id: string;
  rule: Rule;
}

const RELOAD_MS = 5000;

export function ruleStore(strapi: Core.Strapi) {
  const query = () => strapi.db.query(RULE_UID);
  let cache: { at: number; rules: RuleRow[] } | null = null;

  async function enabledRules(): Promise<RuleRow[]> {
    if (!cache || Date.now() - cache.at > RELOAD_MS) {
      // Stable order: position, then creation; evaluation is deterministic.
      const rules = (await query().findMany({ where: { enabled: true }, orderBy: [{ position: 'asc' }, { id: 'asc' }] })) as RuleRow[];
      cache = { at: Date.now(), rules };
    }
    return cache.rules;
  }

  const active = (rows: RuleRow[]): ActiveRule[] => rows.map((row) => ({ id: row.documentId, rule: row.definition }));

  return {
    invalidate() {
      cache = null;
    },
    async list(): Promise<RuleRow[]> {
      return (await query().findMany({ orderBy: [{ position: 'asc' }, { id: 'asc' }] })) as RuleRow[];
    },
    async get(documentId: string): Promise<RuleRow> {
      const row = (await query().findOne({ where: { documentId } })) as RuleRow | null;
      if (!row) throw new NotFoundError('Rule', documentId);
      return row;
    },
    async byName(name: string): Promise<RuleRow | null> {
      return (await query().findOne({ where: { name } })) as RuleRow | null;
    },
    async create(rule: Rule, managedBy: RuleRow['managedBy'] = 'admin'): Promise<RuleRow> {
      const row = (await query().create({ data: { ...columns(rule), definition: rule, managedBy } })) as RuleRow;
      cache = null;
      return row;
    },
    async update(row: RuleRow, rule: Rule, managedBy: RuleRow['managedBy'] = row.managedBy): Promise<RuleRow> {
      const updated = (await query().update({ where: { id: row.id }, data: { ...columns(rule), definition: rule, managedBy } })) as RuleRow;
      cache = null;
      return updated;
    },
    async remove(row: RuleRow): Promise<void> {
      await query().delete({ where: { id: row.id } });
      cache = null;
    },
    /** Enabled record rules of a content type (fast path: none means the save is not slowed at all). */
    async recordRules(uid: string): Promise<ActiveRule[]> {
      return active((await enabledRules()).filter((r) => r.triggerType === 'record' && r.contentType === uid));
    },
    async eventRules(name: string): Promise<ActiveRule[]> {
      return active((await enabledRules()).filter((r) => r.triggerType === 'event' && r.eventName === name));
    },
    async timedRules(): Promise<ActiveRule[]> {
      return active((await enabledRules()).filter((r) => r.triggerType === 'schedule' || r.triggerType === 'time'));
    },
    /** Counters for the rules list; increments are atomic so instances do not overwrite each other. */
    async recordFiring(documentId: string, counts: { sent: number; suppressed: number }, now: Date) {
      await strapi.db
        .connection(strapi.db.metadata.get(RULE_UID).tableName)
        .where({ document_id: documentId })
        .update({
          last_fired_at: now,
          fired_count: strapi.db.connection.raw('fired_count + 1'),
          sent_count: strapi.db.connection.raw('sent_count + ?', [counts.sent]),
          suppressed_count: strapi.db.connection.raw('suppressed_count + ?', [counts.suppressed]),
        });
    },
    /** The categories rules use, for the notification profile's choices. */
    async categories(): Promise<string[]> {
      const rows = (await query().findMany({ select: ['category'] })) as Pick<RuleRow, 'category'>[];
      return [...new Set(rows.map((r) => r.category))].sort();
    },
    /** Names of the rules whose template is `name`. */
    async usingTemplate(name: string): Promise<string[]> {
      const rows = (await query().findMany({ select: ['name', 'definition'] })) as Pick<RuleRow, 'name' | 'definition'>[];
      return rows.filter((r) => r.definition?.template === name).map((r) => r.name);
    },
    /** Names of rules by id (for the outbox health). */
    async namesOf(ids: string[]): Promise<Map<string, string>> {
      const rows = ids.length ? ((await query().findMany({ where: { documentId: { $in: ids } }, select: ['documentId', 'name'] })) as Pick<RuleRow, 'documentId' | 'name'>[]) : [];
      return new Map(rows.map((r) => [r.documentId, r.name]));
    },
    async recordError(documentId: string, message: string, now: Date) {
      await query().updateMany({ where: { documentId }, data: { lastError: message.slice(0, 2000), lastErrorAt: now } });
    },
  };
}

function columns(rule: Rule) {
  const trigger = rule.trigger;
  return {
    name: rule.name,
    enabled: rule.enabled,
    category: rule.category,
    triggerType: trigger.type,
    contentType: 'contentType' in trigger ? (trigger.contentType ?? null) : null,
    eventName: trigger.type === 'event' ? trigger.name : null,
  };
}

export type RuleStore = ReturnType<typeof ruleStore>;
