/*
 * What the smtp-event-rules API answers: the rule view (with its source, read-only flag, whether it
 * has a web-hook secret, never the secret) and the action-run view of the history. Pure mapping.
 */
import type { EventRule } from '../core/events/event-rule-input';
import type { ActionRunRow } from './action-run-repository';

export interface RuleStats {
  lastFiredAt: string | null;
  actionsRun: number;
  foldedCount: number;
}

export interface EventRuleView extends EventRule {
  id: number | string;
  source: 'admin' | 'options';
  readOnly: boolean;
  hasWebhookSecret: boolean;
  stats: RuleStats;
}

export function toRuleView(id: number | string, rule: EventRule, extra: { source: 'admin' | 'options'; hasWebhookSecret: boolean; stats: RuleStats }): EventRuleView {
  const { name, enabled, eventType, conditions, maxFrequencyMinutes, actions } = rule;
  return { id, name, enabled, eventType, conditions, maxFrequencyMinutes, actions, source: extra.source, readOnly: extra.source === 'options', hasWebhookSecret: extra.hasWebhookSecret, stats: extra.stats };
}

const iso = (value: string | null) => (value ? new Date(value).toISOString() : null);

export function toRunView(row: ActionRunRow) {
  return {
    id: row.id,
    runId: row.runId,
    createdAt: iso(row.createdAt)!,
    finishedAt: iso(row.finishedAt),
    actionIndex: row.actionIndex,
    actionType: row.actionType,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'retrying' || row.status === 'queued' ? iso(row.nextAttemptAt) : null,
    httpStatus: row.httpStatus ?? null,
    error: row.error ?? null,
    folded: row.folded ?? null,
    test: row.test,
    eventType: row.eventType,
  };
}

export type ActionRunView = ReturnType<typeof toRunView>;
