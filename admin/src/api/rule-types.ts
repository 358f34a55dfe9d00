/*
 * Shapes of the rule routes (/email-notifications/rules...), the dry run, "run now", the rules meta and
 * the admin roles rules can name. They mirror server/src/core/rules/*.ts and services/rules.ts; the server
 * is the authority (and the only validator), these types only describe it.
 */

export const RECORD_EVENTS = ['create', 'update', 'delete', 'publish', 'unpublish'] as const;
export type RecordEvent = (typeof RECORD_EVENTS)[number];

export const TRIGGER_TYPES = ['record', 'schedule', 'time', 'event'] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];

export const CONDITION_OPS = [
  'equals',
  'notEquals',
  'in',
  'notIn',
  'contains',
  'gt',
  'gte',
  'lt',
  'lte',
  'isEmpty',
  'isNotEmpty',
  'changed',
  'changedFrom',
  'changedTo',
  'olderThan',
  'withinLast',
] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];
/** Operators comparing with the record before the change: record triggers only. */
export const CHANGE_OPS: readonly ConditionOp[] = ['changed', 'changedFrom', 'changedTo'];
/** Operators that take no value. */
export const VALUELESS_OPS: readonly ConditionOp[] = ['isEmpty', 'isNotEmpty', 'changed'];

export interface LeafCondition {
  field: string;
  op: ConditionOp;
  value?: unknown;
}
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | LeafCondition;

export type HoursSource = number | { field: string };

export type RuleTrigger =
  | { type: 'record'; contentType: string; events: RecordEvent[] }
  | {
      type: 'schedule';
      cron: string;
      timezone: string;
      contentType: string;
      filters?: Condition;
      sendWhenEmpty: boolean;
      maxRecords: number;
      catchUp: 'skip' | 'runOnce';
    }
  | {
      type: 'time';
      contentType: string;
      field: string;
      olderThanHours: HoursSource;
      repeat: 'once' | 'daily' | 'perDueDate';
      timezone: string;
      everyMinutes: number;
      maxRecordsPerRun: number;
    }
  | { type: 'event'; name: string; contentType?: string };

export type RecipientEntry = { address: string; name?: string } | { path: string } | { role: string } | { subscribers: true } | { resolver: string };
export const RECIPIENT_LISTS = ['to', 'cc', 'bcc'] as const;
export type RecipientList = (typeof RECIPIENT_LISTS)[number];
export type Recipients = Record<RecipientList, RecipientEntry[]>;

export interface InlineTemplate {
  subject: string;
  text?: string;
  mjml?: string;
  html?: string;
}

/** What PUT takes and POST creates: the rule without id, stats and timestamps. */
export interface RuleBody {
  name: string;
  enabled: boolean;
  category: string;
  description?: string;
  trigger: RuleTrigger;
  conditions: Condition;
  recipients: Recipients;
  /** A saved template's name, or the rule's own subject and body. */
  template: string | InlineTemplate;
  taskGroup?: string;
  mailbox?: string;
  recipientIpPath?: string;
  attachments?: string[];
  /** "allowed": one-click unsubscribe offered; "critical": opt-outs never stop it; absent: neither. */
  unsubscribe?: UnsubscribeMode;
}

export type UnsubscribeMode = 'allowed' | 'critical';

export interface RuleLastRun {
  at: string;
  status: string;
  handled: number;
  note: string | null;
  stuck: boolean;
}

export interface RuleStats {
  lastFiredAt: string | null;
  firedCount: number;
  sentCount: number;
  suppressedCount: number;
  lastError: string | null;
  lastErrorAt: string | null;
  lastRun: RuleLastRun | null;
}

export interface Rule extends RuleBody {
  id: string;
  /** "config": declared in the plugin options (rules.definitions); read-only here. */
  managedBy: 'admin' | 'config';
  stats: RuleStats;
  createdAt: string;
  updatedAt: string;
}

export interface RulesMeta {
  contentTypes: { uid: string; displayName: string }[];
  resolvers: string[];
  events: RecordEvent[];
}

export interface DryRunRequest {
  /** Not for schedules: they are tried on the records matching now. */
  documentId?: string;
  /** Field values before the change, to try change operators. */
  previous?: Record<string, unknown>;
}

export interface ConditionExplanation {
  label: string;
  matched: boolean;
  detail?: string;
  children?: ConditionExplanation[];
}

export interface Address {
  address: string;
  name?: string;
}

export interface DryRunResult {
  matched: boolean;
  explanation: ConditionExplanation;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  suppressed: { address: string; reason: string }[];
  notes: string[];
  subject: string | null;
  html: string | null;
  text: string | null;
  messageId: null;
}

export interface RunResult {
  ran: boolean;
  handled: number;
}

export interface AdminRole {
  id: number;
  code: string;
  name: string;
}
