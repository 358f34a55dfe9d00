/*
 * The SMTP event rule form's values (strings and choices as the inputs hold them) and their
 * translation from and to the API's rule body: empty conditions are left out, "any" means no condition.
 * Pure; the server stays the only validator.
 */
import type { DayOfWeek, EventAction, EventConditions, EventRule, EventRuleBody, EventType } from '../../api/event-rule-types';
import { fromRecipientRows, newRecipientRow, toRecipientRows, type RecipientRows } from '../rule-form/recipient-values';

export type TriState = 'any' | 'true' | 'false';

export interface ConditionValues {
  timeFrom: string;
  timeTo: string;
  timezone: string;
  daysOfWeek: DayOfWeek[];
  smtpServer: string;
  port: number | undefined;
  emailAddress: string;
  ssl: TriState;
  requiresAuth: TriState;
  customerEmail: string;
}

export interface ActionValues {
  /** Stable React key; never sent. */
  key: number;
  type: EventAction['type'];
  url: string;
  file: string;
  provider: string;
  recipients: RecipientRows;
}

export interface EventRuleFormValues {
  name: string;
  enabled: boolean;
  eventType: EventType;
  maxFrequencyMinutes: number | undefined;
  conditions: ConditionValues;
  actions: ActionValues[];
}

let nextKey = 1;

export function newActionValues(type: EventAction['type'] = 'webhook'): ActionValues {
  const recipients = toRecipientRows(undefined);
  if (type === 'email') recipients.to.push(newRecipientRow());
  return { key: nextKey++, type, url: '', file: '', provider: '', recipients };
}

const toTriState = (value: boolean | undefined): TriState => (value === undefined ? 'any' : value ? 'true' : 'false');
const fromTriState = (value: TriState): boolean | undefined => (value === 'any' ? undefined : value === 'true');

function toConditionValues(conditions: EventConditions, defaultTimezone: string): ConditionValues {
  return {
    timeFrom: conditions.timeOfDay?.from ?? '',
    timeTo: conditions.timeOfDay?.to ?? '',
    timezone: conditions.timeOfDay?.timezone ?? defaultTimezone,
    daysOfWeek: conditions.daysOfWeek ?? [],
    smtpServer: conditions.smtpServer ?? '',
    port: conditions.port,
    emailAddress: conditions.emailAddress ?? '',
    ssl: toTriState(conditions.ssl),
    requiresAuth: toTriState(conditions.requiresAuth),
    customerEmail: conditions.customerEmail ?? '',
  };
}

function toActionValues(action: EventAction): ActionValues {
  const values = newActionValues(action.type);
  if (action.type === 'webhook') values.url = action.url;
  if (action.type === 'log') values.file = action.file;
  if (action.type === 'provider') values.provider = action.name;
  if (action.type === 'email') values.recipients = toRecipientRows({ to: [], cc: [], bcc: [], ...action.recipients });
  return values;
}

export const newEventRuleValues = (defaultTimezone: string): EventRuleFormValues => ({
  name: '',
  enabled: true,
  eventType: 'final-delivery-failed',
  maxFrequencyMinutes: 15,
  conditions: toConditionValues({}, defaultTimezone),
  actions: [newActionValues()],
});

export const toFormValues = (rule: EventRule, defaultTimezone: string): EventRuleFormValues => ({
  name: rule.name,
  enabled: rule.enabled,
  eventType: rule.eventType,
  maxFrequencyMinutes: rule.maxFrequencyMinutes,
  conditions: toConditionValues(rule.conditions ?? {}, defaultTimezone),
  actions: rule.actions.map(toActionValues),
});

/** Only the conditions the admin set; a time window needs a from or a to to exist. */
function toConditions(values: ConditionValues): EventConditions {
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const conditions: EventConditions = {
    timeOfDay: values.timeFrom || values.timeTo ? { from: values.timeFrom, to: values.timeTo, timezone: values.timezone } : undefined,
    daysOfWeek: values.daysOfWeek.length > 0 ? values.daysOfWeek : undefined,
    smtpServer: text(values.smtpServer),
    port: values.port,
    emailAddress: text(values.emailAddress),
    ssl: fromTriState(values.ssl),
    requiresAuth: fromTriState(values.requiresAuth),
    customerEmail: text(values.customerEmail),
  };
  return Object.fromEntries(Object.entries(conditions).filter(([, value]) => value !== undefined)) as EventConditions;
}

function toAction(values: ActionValues): EventAction {
  switch (values.type) {
    case 'webhook':
      return { type: 'webhook', url: values.url.trim() };
    case 'log':
      return { type: 'log', file: values.file.trim() };
    case 'provider':
      return { type: 'provider', name: values.provider };
    case 'email':
      return { type: 'email', recipients: fromRecipientRows(values.recipients) };
    default:
      return { type: 'profiles' };
  }
}

export function toRequestBody(values: EventRuleFormValues): EventRuleBody {
  return {
    name: values.name.trim(),
    enabled: values.enabled,
    eventType: values.eventType,
    // An empty input is sent as it is read: the server names the field instead of a silent default.
    maxFrequencyMinutes: values.maxFrequencyMinutes as number,
    conditions: toConditions(values.conditions),
    actions: values.actions.map(toAction),
  };
}
