/*
 * A notification rule as data (DESIGN §3): the zod schema the admin editor, the rules API and plugin
 * config all speak, and parseRule, which also checks it against the content model and reports every
 * problem at once with its dotted path. Pure: the caller passes the model lookup and the clock.
 */
import { z } from 'zod';
import type { FieldProblem } from '../errors';
import { InputError } from '../errors';
import type { ModelLookup, SensitiveFields } from '../schema/content-model';
import { TEMPLATE_NAME } from '../templates/template-input';
import { zodProblems } from '../zod-problems';
import { checkConditionFields, conditionSchema } from './condition-tree';
import { TEXT_TYPES } from './field-kinds';
import { checkRecipientsModel, recipientsSchema } from './rule-recipients';
import { checkTriggerModel, checkTypedPath, fieldPathSchema, triggerSchema } from './rule-trigger';
import { nextTick } from './schedule-ticks';
import { UNSUBSCRIBE_MODES } from './unsubscribe';
import { dispatch, isPlainObject } from './zod-dispatch';

export type { RecipientEntry, Recipients } from './rule-recipients';
export type { EventTrigger, RecordTrigger, RuleTrigger, ScheduleTrigger, TimeTrigger } from './rule-trigger';

const MEDIA = new Set(['media']);
const IP_FIELD_TYPES = new Set([...TEXT_TYPES].filter((t) => t !== 'enumeration'));

const inlineTemplateSchema = z
  .object({
    subject: z.string().min(1).max(998).refine((s) => !/[\r\n]/.test(s), 'must not contain line breaks (CR or LF): it becomes a mail header'),
    text: z.string().max(100_000).optional(),
    mjml: z.string().max(200_000).optional(),
    html: z.string().max(200_000).optional(),
  })
  .strict()
  .refine((t) => [t.text, t.mjml, t.html].some((body) => body !== undefined && body.trim() !== ''), 'needs a body: "text", "mjml" or "html"');

export type RuleTemplate = string | z.output<typeof inlineTemplateSchema>;
const templateSchema = dispatch<RuleTemplate>((value) =>
  typeof value === 'string'
    ? z.string().regex(TEMPLATE_NAME, 'must be the name of a saved template, like "rma-stage-changed"')
    : isPlainObject(value)
      ? inlineTemplateSchema
      : 'must be a template name like "rma-stage-changed", or { "subject": "...", "text" | "mjml" | "html": "..." }',
);

export const ruleSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    enabled: z.boolean().default(true),
    /** Notification profiles subscribe to categories. */
    category: z.string().max(64).regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a lower-case slug like "rma" (letters, digits and "-")').default('general'),
    description: z.string().max(2000).optional(),
    trigger: triggerSchema,
    conditions: conditionSchema.default({ all: [] }),
    recipients: recipientsSchema,
    template: templateSchema,
    taskGroup: z.string().trim().min(1).max(100).optional(),
    mailbox: z.string().trim().min(1).max(100).optional(),
    /** Record path of an IP address field, for geo routing (`customer.lastLoginIp`). */
    recipientIpPath: fieldPathSchema.optional(),
    /** Media fields of the record to attach. */
    attachments: z
      .array(fieldPathSchema)
      .max(5, 'may name at most 5 media fields')
      .refine((names) => new Set(names).size === names.length, 'names a field twice')
      .optional(),
    /**
     * "allowed": the mail carries one-click unsubscribe headers and a recipient's opt-out stops it;
     * "critical": never offered, and opt-outs never stop it. Absent: not offered, opt-outs of its category honoured.
     */
    unsubscribe: z.enum(UNSUBSCRIBE_MODES).optional(),
  })
  .strict();

export type RuleInput = z.input<typeof ruleSchema>;
export type Rule = z.output<typeof ruleSchema>;

export interface ParseRuleOptions {
  lookup: ModelLookup;
  sensitive?: SensitiveFields;
  now: Date;
  /** Names of registered recipient resolvers; when given, unknown names are refused. */
  knownResolvers?: Set<string>;
}

const NEEDS_CONTENT_TYPE = 'needs trigger.contentType: a custom event without it has no record type to check fields against (add the UID of the record you pass to emit)';

/** The model checks, run on the raw input so that one shape error does not hide the others. */
function modelProblems(input: Record<string, unknown>, options: ParseRuleOptions): { problems: FieldProblem[]; paths: Map<string, string> } {
  const checks = { lookup: options.lookup, sensitive: options.sensitive ?? {} };
  const trigger = isPlainObject(input.trigger) ? input.trigger : {};
  const { problems, model } = checkTriggerModel(trigger, checks);
  const eventWithoutType = trigger.type === 'event' && trigger.contentType === undefined;
  const uid = model?.uid ?? null;

  const conditions = conditionSchema.safeParse(input.conditions ?? { all: [] });
  if (conditions.success && uid) {
    problems.push(...checkConditionFields(conditions.data, { ...checks, uid, allowChangeOps: trigger.type === 'record', prefix: 'conditions' }));
  }
  // A custom event without a content type has conditions over its free-form payload: nothing to check them against.

  if (typeof input.recipientIpPath === 'string' && fieldPathSchema.safeParse(input.recipientIpPath).success) {
    if (uid) problems.push(...checkTypedPath(uid, input.recipientIpPath, 'recipientIpPath', IP_FIELD_TYPES, 'it must be a text field that holds an IP address, like "customer.lastLoginIp"', checks));
    else if (eventWithoutType) problems.push({ path: 'recipientIpPath', message: NEEDS_CONTENT_TYPE });
  }
  if (Array.isArray(input.attachments)) {
    input.attachments.forEach((name, i) => {
      if (typeof name !== 'string' || !fieldPathSchema.safeParse(name).success) return;
      if (uid) problems.push(...checkTypedPath(uid, name, `attachments.${i}`, MEDIA, 'attachments name media fields, like "photos"', checks));
      else if (eventWithoutType) problems.push({ path: `attachments.${i}`, message: NEEDS_CONTENT_TYPE });
    });
  }

  const recipients = checkRecipientsModel(input.recipients, {
    ...checks,
    uid,
    missingTypeMessage: eventWithoutType ? NEEDS_CONTENT_TYPE : undefined,
    knownResolvers: options.knownResolvers,
  });
  problems.push(...recipients.problems);

  if (trigger.type === 'schedule' && typeof trigger.cron === 'string') {
    const parsed = triggerSchema.safeParse(trigger);
    if (parsed.success && parsed.data.type === 'schedule') {
      try {
        nextTick(parsed.data.cron, parsed.data.timezone, options.now);
      } catch {
        problems.push({ path: 'trigger.cron', message: `"${parsed.data.cron}" never fires from now on: check the day of month and month fields` });
      }
    }
  }
  return { problems, paths: recipients.paths };
}

/** Validates a rule completely; throws an InputError listing every problem (shape and model) with its path. */
export function parseRule(input: unknown, options: ParseRuleOptions): Rule {
  const result = ruleSchema.safeParse(input);
  const raw = isPlainObject(input) ? input : {};
  const { problems: model, paths } = modelProblems(raw, options);
  const seen = new Set<string>();
  const problems = [...(result.success ? [] : zodProblems(result.error)), ...model].filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (!result.success || problems.length > 0) throw new InputError(problems);
  const rule = result.data;
  const rewrite = (list: 'to' | 'cc' | 'bcc') =>
    rule.recipients[list].map((entry, i) => {
      const path = paths.get(`${list}.${i}`);
      return path && 'path' in entry ? { path } : entry;
    });
  return { ...rule, recipients: { to: rewrite('to'), cc: rewrite('cc'), bcc: rewrite('bcc') } };
}
