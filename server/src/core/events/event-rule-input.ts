/*
 * An SMTP event rule as data: the zod schema the admin editor, the smtp-event-rules API and the plugin
 * option `events.rules` all speak, and parseEventRule, which reports every problem at once with its
 * dotted path (`conditions.timeOfDay.from`, `actions.0.url`). Pure: no I/O; the caller names providers.
 */
import { z } from 'zod';
import { InputError, type FieldProblem } from '../errors';
import { isValidTimeZone } from '../rules/schedule-ticks';
import { checkRecipientsModel, recipientsSchema } from '../rules/rule-recipients';
import { dispatch, isPlainObject } from '../rules/zod-dispatch';
import { zodProblems } from '../zod-problems';
import { ACTION_TYPES, EVENT_TYPES, type EventAction } from './event-types';

export const DAYS_OF_WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type DayOfWeek = (typeof DAYS_OF_WEEK)[number];

/** The template an email action uses unless it names another. */
export const ALERT_TEMPLATE = 'smtp-failure-alert';
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const HOST_PATTERN = /^[A-Za-z0-9*]([A-Za-z0-9*.-]{0,252})$/;
const ADDRESS_PATTERN = /^(@[^\s@]+|[^\s@]+@[^\s@]+|[^\s]*\*[^\s]*)$/;
const PROVIDER_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

const clockSchema = z.string().regex(CLOCK, 'must be a time of day like "08:00" (24-hour HH:MM)');
const timeOfDaySchema = z
  .object({
    from: clockSchema,
    to: clockSchema,
    timezone: z
      .string()
      .max(100)
      .refine(isValidTimeZone, (tz) => ({ message: `"${tz}" is not a time zone: use an IANA name like "Europe/Berlin" or "UTC"` }))
      .default('UTC'),
  })
  .strict()
  .refine((t) => t.from !== t.to, { message: 'from and to are the same time: leave timeOfDay out for the whole day', path: ['to'] });

const addressPattern = z
  .string()
  .trim()
  .toLowerCase()
  .max(320)
  .regex(ADDRESS_PATTERN, 'must be an email address ("ops@example.com"), a domain ("@example.com") or a pattern with * ("*@customer.example")');

export const eventConditionsSchema = z
  .object({
    timeOfDay: timeOfDaySchema.optional(),
    daysOfWeek: z
      .array(z.enum(DAYS_OF_WEEK))
      .min(1, 'needs at least one day (leave daysOfWeek out for every day)')
      .max(7)
      .refine((days) => new Set(days).size === days.length, 'names a day twice')
      .optional(),
    smtpServer: z.string().trim().toLowerCase().regex(HOST_PATTERN, 'must be a host name like "smtp.example.com", or a pattern with * like "smtp.*.example.com"').optional(),
    port: z.number().int().min(1).max(65_535).optional(),
    emailAddress: addressPattern.optional(),
    ssl: z.boolean().optional(),
    requiresAuth: z.boolean().optional(),
    customerEmail: addressPattern.optional(),
  })
  .strict();

export type EventConditions = z.output<typeof eventConditionsSchema>;

const webhookUrl = z
  .string()
  .max(2000)
  .url('must be a URL like "https://ops.example.com/hook"')
  .refine((url) => /^https?:\/\//i.test(url), 'must start with http:// or https://');

const ACTION_SCHEMAS: Record<string, z.ZodTypeAny> = {
  webhook: z.object({ type: z.literal('webhook'), url: webhookUrl }).strict(),
  log: z.object({ type: z.literal('log'), file: z.string().regex(FILE_NAME, 'must be a file name like "smtp-events.log" (letters, digits, ".", "_", "-"; no folders)') }).strict(),
  provider: z.object({ type: z.literal('provider'), name: z.string().regex(PROVIDER_NAME, 'must be the name a developer registered with registerEventProvider, like "pagerduty"') }).strict(),
  email: z.object({ type: z.literal('email'), recipients: recipientsSchema }).strict(),
  profiles: z.object({ type: z.literal('profiles') }).strict(),
};

const actionSchema = dispatch<EventAction>((value) => {
  const types = ACTION_TYPES.map((t) => `"${t}"`).join(', ');
  if (!isPlainObject(value)) return `must be an action object with a "type": one of ${types}`;
  const schema = typeof value.type === 'string' ? ACTION_SCHEMAS[value.type] : undefined;
  if (!schema) return `type must be one of ${types}`;
  return schema;
});

export const eventRuleSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    enabled: z.boolean().default(true),
    eventType: z.enum(EVENT_TYPES),
    conditions: eventConditionsSchema.default({}),
    /** Each action runs at most once per this many minutes; 0 = on every event. */
    maxFrequencyMinutes: z.number().min(0).max(43_200).default(0),
    actions: z.array(actionSchema).min(1, 'needs at least one action').max(10, 'may hold at most 10 actions'),
  })
  .strict();

export type EventRuleInput = z.input<typeof eventRuleSchema>;
export type EventRule = z.output<typeof eventRuleSchema>;

export interface ParseEventRuleOptions {
  /** Names registered with registerEventProvider; when given, a provider action must name one of them. */
  knownProviders?: Set<string>;
  /** Where the problems' paths start (`events.rules.0` for the plugin options). */
  prefix?: string;
}

const NO_RECORD = 'an SMTP event has no record to read addresses from: use an address, a role, subscribers or a resolver';

/** The checks zod cannot do alone: record paths in email recipients, unknown providers. */
function actionProblems(raw: unknown, options: ParseEventRuleOptions): FieldProblem[] {
  const actions = isPlainObject(raw) && Array.isArray(raw.actions) ? (raw.actions as unknown[]) : [];
  const problems: FieldProblem[] = [];
  actions.forEach((action, index) => {
    if (!isPlainObject(action)) return;
    if (action.type === 'email') {
      const checked = checkRecipientsModel(action.recipients, { lookup: () => undefined, sensitive: {}, uid: null, missingTypeMessage: NO_RECORD });
      problems.push(...checked.problems.map((p) => ({ ...p, path: `actions.${index}.${p.path}` })));
    }
    if (action.type === 'provider' && options.knownProviders && typeof action.name === 'string' && PROVIDER_NAME.test(action.name) && !options.knownProviders.has(action.name)) {
      const known = [...options.knownProviders].sort().map((n) => `"${n}"`).join(', ');
      problems.push({ path: `actions.${index}.name`, message: `no event provider named "${action.name}" is registered (${known ? `registered: ${known}` : 'none are registered'}); developers add them with registerEventProvider` });
    }
  });
  return problems;
}

/** The rule, or an InputError with every problem and its path. */
export function parseEventRule(input: unknown, options: ParseEventRuleOptions = {}): EventRule {
  const prefix = options.prefix ?? '';
  const parsed = eventRuleSchema.safeParse(input ?? {});
  const problems = [...(parsed.success ? [] : zodProblems(parsed.error)), ...actionProblems(input, options)];
  if (problems.length || !parsed.success) {
    throw new InputError(problems.map((p) => ({ ...p, path: prefix ? (p.path ? `${prefix}.${p.path}` : prefix) : p.path })));
  }
  return parsed.data;
}
