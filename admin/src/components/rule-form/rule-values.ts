/*
 * The rule form's state, the defaults of a new rule and the translation to the PUT/POST body. The only
 * thing kept as loaded is an inline template's MJML or HTML body. Pure: no React, no HTTP;
 * only JSON that does not parse is refused here, every other check is the server's.
 */
import type { Condition, HoursSource, InlineTemplate, RecordEvent, Rule, RuleBody, RuleTrigger, TriggerType, UnsubscribeMode } from '../../api/rule-types';
import { fromBuilder, toBuilder, type BuilderConditions } from './condition-values';
import { fromRecipientRows, newRecipientRow, toRecipientRows, type RecipientRows } from './recipient-values';

export interface TriggerValues {
  type: TriggerType;
  contentType: string;
  events: RecordEvent[];
  cron: string;
  timezone: string;
  /** Schedule filters as JSON text; empty for none. */
  filters: string;
  sendWhenEmpty: boolean;
  maxRecords: number | undefined;
  catchUp: 'skip' | 'runOnce';
  field: string;
  hoursFrom: 'number' | 'field';
  hours: number | undefined;
  hoursField: string;
  repeat: 'once' | 'daily' | 'perDueDate';
  everyMinutes: number | undefined;
  maxRecordsPerRun: number | undefined;
  eventName: string;
}

export type MessageMode = 'template' | 'inline';

export interface RuleFormValues {
  name: string;
  category: string;
  description: string;
  enabled: boolean;
  trigger: TriggerValues;
  /** Null while the conditions are edited as JSON (`conditionsJson`). */
  builder: BuilderConditions | null;
  conditionsJson: string;
  recipients: RecipientRows;
  messageMode: MessageMode;
  template: string;
  subject: string;
  text: string;
  taskGroup: string;
  /** A mailbox name or id that sends it (over the task group); empty: routing decides. */
  mailbox: string;
  /** Record path of an IP address for geo routing; empty for none. */
  recipientIpPath: string;
  /** Media fields to attach, comma-separated as typed. */
  attachments: string;
  /** "" = not offered (opt-outs of the category still honoured). */
  unsubscribe: UnsubscribeMode | '';
  /** The inline template's MJML or HTML body, which the form does not edit: sent back unchanged. */
  kept: { mjml?: string; html?: string };
}

export const NEW_TRIGGER: TriggerValues = {
  type: 'record',
  contentType: '',
  events: ['update'],
  cron: '0 8 * * *',
  timezone: 'UTC',
  filters: '',
  sendWhenEmpty: false,
  maxRecords: 200,
  catchUp: 'runOnce',
  field: '',
  hoursFrom: 'number',
  hours: 48,
  hoursField: '',
  repeat: 'once',
  everyMinutes: 5,
  maxRecordsPerRun: 500,
  eventName: '',
};

export const newRuleValues = (): RuleFormValues => ({
  name: '',
  category: 'general',
  description: '',
  enabled: true,
  trigger: NEW_TRIGGER,
  builder: { combinator: 'all', rows: [] },
  conditionsJson: '{ "all": [] }',
  recipients: { to: [newRecipientRow('path')], cc: [], bcc: [] },
  messageMode: 'inline',
  template: '',
  subject: '',
  text: '',
  taskGroup: '',
  mailbox: '',
  recipientIpPath: '',
  attachments: '',
  unsubscribe: '',
  kept: {},
});

const json = (value: unknown) => JSON.stringify(value, null, 2);

function toTriggerValues(trigger: RuleTrigger): TriggerValues {
  const base = { ...NEW_TRIGGER, type: trigger.type, contentType: ('contentType' in trigger && trigger.contentType) || '' };
  switch (trigger.type) {
    case 'record':
      return { ...base, events: [...trigger.events] };
    case 'schedule':
      return { ...base, ...trigger, filters: trigger.filters ? json(trigger.filters) : '', contentType: trigger.contentType };
    case 'time': {
      const hours = trigger.olderThanHours;
      return {
        ...base,
        field: trigger.field,
        hoursFrom: typeof hours === 'number' ? 'number' : 'field',
        hours: typeof hours === 'number' ? hours : undefined,
        hoursField: typeof hours === 'number' ? '' : hours.field,
        repeat: trigger.repeat,
        timezone: trigger.timezone,
        everyMinutes: trigger.everyMinutes,
        maxRecordsPerRun: trigger.maxRecordsPerRun,
      };
    }
    default:
      return { ...base, eventName: trigger.name };
  }
}

export function toFormValues(rule: Rule): RuleFormValues {
  const builder = toBuilder(rule.conditions);
  const inline = typeof rule.template === 'string' ? null : rule.template;
  return {
    name: rule.name,
    category: rule.category,
    description: rule.description ?? '',
    enabled: rule.enabled,
    trigger: toTriggerValues(rule.trigger),
    builder,
    conditionsJson: json(rule.conditions ?? { all: [] }),
    recipients: toRecipientRows(rule.recipients),
    messageMode: inline ? 'inline' : 'template',
    template: typeof rule.template === 'string' ? rule.template : '',
    subject: inline?.subject ?? '',
    text: inline?.text ?? '',
    taskGroup: rule.taskGroup ?? '',
    mailbox: rule.mailbox ?? '',
    recipientIpPath: rule.recipientIpPath ?? '',
    attachments: (rule.attachments ?? []).join(', '),
    unsubscribe: rule.unsubscribe ?? '',
    kept: {
      mjml: inline?.mjml,
      html: inline?.html,
    },
  };
}

/** JSON text that does not parse: its form path and why. */
export class JsonProblem extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

function parseJson(text: string, path: string): Condition {
  try {
    return JSON.parse(text) as Condition;
  } catch (error) {
    throw new JsonProblem(path, `is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function toTrigger(values: TriggerValues): RuleTrigger {
  const contentType = values.contentType.trim();
  switch (values.type) {
    case 'record':
      return { type: 'record', contentType, events: values.events };
    case 'schedule':
      return {
        type: 'schedule',
        cron: values.cron.trim(),
        timezone: values.timezone.trim(),
        contentType,
        ...(values.filters.trim() ? { filters: parseJson(values.filters, 'trigger.filters') } : {}),
        sendWhenEmpty: values.sendWhenEmpty,
        maxRecords: values.maxRecords as number,
        catchUp: values.catchUp,
      };
    case 'time': {
      const hours: HoursSource = values.hoursFrom === 'number' ? (values.hours as number) : { field: values.hoursField.trim() };
      return {
        type: 'time',
        contentType,
        field: values.field.trim(),
        olderThanHours: hours,
        repeat: values.repeat,
        timezone: values.timezone.trim(),
        everyMinutes: values.everyMinutes as number,
        maxRecordsPerRun: values.maxRecordsPerRun as number,
      };
    }
    default:
      return { type: 'event', name: values.eventName.trim(), ...(contentType ? { contentType } : {}) };
  }
}

/** The whole rule as PUT/POST take it. Throws a JsonProblem for JSON text that does not parse. */
export function toRequestBody(values: RuleFormValues, fieldTypes: ReadonlyMap<string, string>): RuleBody {
  const { mjml, html } = values.kept;
  const inline: InlineTemplate = {
    subject: values.subject,
    ...(values.text !== '' || (!mjml && !html) ? { text: values.text } : {}),
    ...(mjml !== undefined ? { mjml } : {}),
    ...(html !== undefined ? { html } : {}),
  };
  const description = values.description.trim();
  const body: RuleBody = {
    name: values.name,
    enabled: values.enabled,
    category: values.category.trim(),
    ...(description ? { description } : {}),
    trigger: toTrigger(values.trigger),
    conditions: values.builder ? fromBuilder(values.builder, fieldTypes) : parseJson(values.conditionsJson, 'conditions'),
    recipients: fromRecipientRows(values.recipients),
    template: values.messageMode === 'template' ? values.template : inline,
    ...(values.taskGroup ? { taskGroup: values.taskGroup } : {}),
  };
  const mailbox = values.mailbox.trim();
  const ipPath = values.recipientIpPath.trim();
  const attachments = values.attachments.split(',').map((name) => name.trim()).filter(Boolean);
  return {
    ...body,
    ...(mailbox ? { mailbox } : {}),
    ...(ipPath ? { recipientIpPath: ipPath } : {}),
    ...(attachments.length ? { attachments } : {}),
    ...(values.unsubscribe ? { unsubscribe: values.unsubscribe } : {}),
  };
}
