/*
 * Shapes of the SMTP event rule routes (/email-notifications/smtp-event-rules...): the rules, their
 * meta, a test event's queued runs and the action history. They mirror server/src/core/events/*.ts;
 * the server is the authority (and the only validator), these types only describe it.
 */
import type { Recipients } from './rule-types';

export const EVENT_TYPES = ['connection-failed', 'delivery-failed', 'final-delivery-failed', 'pop-login-failed'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const ACTION_TYPES = ['webhook', 'log', 'provider', 'email', 'profiles'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const DAYS_OF_WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type DayOfWeek = (typeof DAYS_OF_WEEK)[number];

export interface EventConditions {
  timeOfDay?: { from: string; to: string; timezone: string };
  daysOfWeek?: DayOfWeek[];
  smtpServer?: string;
  port?: number;
  emailAddress?: string;
  ssl?: boolean;
  requiresAuth?: boolean;
  customerEmail?: string;
}

export type EventAction =
  | { type: 'webhook'; url: string }
  | { type: 'log'; file: string }
  | { type: 'provider'; name: string }
  | { type: 'email'; recipients: Partial<Recipients> }
  | { type: 'profiles' };

/** What POST creates and PUT replaces: the rule without what the server owns. */
export interface EventRuleBody {
  name: string;
  enabled: boolean;
  eventType: EventType;
  conditions: EventConditions;
  maxFrequencyMinutes: number;
  actions: EventAction[];
}

export interface EventRuleStats {
  lastFiredAt: string | null;
  actionsRun: number;
  foldedCount: number;
}

export interface EventRule extends EventRuleBody {
  /** A number for stored rules; "options:<name>" for rules declared in the plugin options. */
  id: number | string;
  source: 'admin' | 'options';
  readOnly: boolean;
  hasWebhookSecret: boolean;
  stats: EventRuleStats;
}

/** A save answers the web-hook secret only when it was just made: it is shown once. */
export interface EventRuleSaved {
  data: EventRule;
  webhookSecret?: string;
}

export interface EventRulesMeta {
  eventTypes: EventType[];
  actionTypes: ActionType[];
  providers: string[];
  logDirectoryConfigured: boolean;
  timezones?: string[];
}

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'retrying', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface ActionRunView {
  id: number;
  runId: string;
  createdAt: string;
  finishedAt: string | null;
  actionIndex: number;
  actionType: ActionType;
  status: RunStatus;
  attempts: number;
  nextAttemptAt: string | null;
  httpStatus: number | null;
  error: string | null;
  folded: { count: number; firstAt: string; lastAt: string } | null;
  test: boolean;
  eventType: string;
}

export interface TestEventResult {
  event: { id: string; type: EventType; at: string; test: boolean };
  runs: ActionRunView[];
}

export interface HistoryPage {
  results: ActionRunView[];
  pagination: { page: number; pageSize: number; total: number; pageCount: number };
}
