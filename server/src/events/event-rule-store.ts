/*
 * The only code that reads and writes SMTP event rule rows (rules made in the admin; the ones declared
 * in the plugin options are never stored). Enabled rules are cached per instance and reloaded when a
 * rule changes here or, for changes made by another instance, after a few seconds.
 */
import type { Core } from '@strapi/strapi';
import { EVENT_RULE_UID } from '../content-types/uids';
import { ConflictError, NotFoundError } from '../core/errors';
import type { EventRule } from '../core/events/event-rule-input';

export interface EventRuleRow {
  id: number;
  name: string;
  enabled: boolean;
  eventType: EventRule['eventType'];
  definition: EventRule;
  /** Encrypted; null when the rule has never had a web page action. */
  webhookSecret: string | null;
  position: number;
  createdAt: string;
  updatedAt: string;
}

const RELOAD_MS = 5000;

export function createEventRuleStore(strapi: Core.Strapi) {
  const query = () => strapi.db.query(EVENT_RULE_UID);
  let cache: { at: number; rows: EventRuleRow[] } | null = null;

  async function find(id: number): Promise<EventRuleRow> {
    const row = Number.isInteger(id) ? ((await query().findOne({ where: { id } })) as EventRuleRow | null) : null;
    if (!row) throw new NotFoundError('SMTP event rule', id);
    return row;
  }

  async function assertNameFree(name: string, except: number | null) {
    const other = (await query().findOne({ where: { name } })) as EventRuleRow | null;
    if (other && other.id !== except) throw new ConflictError([{ path: 'name', message: `an SMTP event rule named "${name}" already exists: choose another name` }]);
  }

  const fields = (rule: EventRule) => ({ name: rule.name, enabled: rule.enabled, eventType: rule.eventType, definition: rule });
  const changed = <T>(value: T): T => {
    cache = null;
    return value;
  };

  return {
    find,
    list: async () => (await query().findMany({ orderBy: [{ position: 'asc' }, { id: 'asc' }] })) as EventRuleRow[],
    async enabled(): Promise<EventRuleRow[]> {
      if (!cache || Date.now() - cache.at > RELOAD_MS) {
        cache = { at: Date.now(), rows: (await query().findMany({ where: { enabled: true }, orderBy: [{ position: 'asc' }, { id: 'asc' }] })) as EventRuleRow[] };
      }
      return cache.rows;
    },
    async create(rule: EventRule, webhookSecret: string | null): Promise<EventRuleRow> {
      await assertNameFree(rule.name, null);
      return changed((await query().create({ data: { ...fields(rule), webhookSecret } })) as EventRuleRow);
    },
    /** `webhookSecret` undefined keeps the stored one. */
    async update(id: number, rule: EventRule, webhookSecret?: string | null): Promise<EventRuleRow> {
      await find(id);
      await assertNameFree(rule.name, id);
      return changed((await query().update({ where: { id }, data: { ...fields(rule), ...(webhookSecret !== undefined ? { webhookSecret } : {}) } })) as EventRuleRow);
    },
    async setSecret(id: number, webhookSecret: string): Promise<void> {
      await query().update({ where: { id }, data: { webhookSecret } });
      changed(undefined);
    },
    async remove(id: number): Promise<EventRuleRow> {
      const row = await find(id);
      await query().delete({ where: { id } });
      return changed(row);
    },
  };
}

export type EventRuleStore = ReturnType<typeof createEventRuleStore>;
