/*
 * What wakes a rule: a record event, a schedule tick (digest), a time scan (TAT exceeded) or a custom
 * event. The zod schemas and the checks against the content model (fields exist, have the right type).
 * Pure; the runners that act on triggers live in triggers/ and never re-validate.
 */
import { z } from 'zod';
import type { FieldProblem } from '../errors';
import type { ContentModel, ModelLookup, SensitiveFields } from '../schema/content-model';
import { resolveFieldPath } from '../schema/content-model';
import type { Condition } from './condition-tree';
import { checkConditionFields, conditionSchema } from './condition-tree';
import { DATE_TYPES, NUMBER_TYPES, describeAttribute, suggestField } from './field-kinds';
import { checkCron, isValidTimeZone } from './schedule-ticks';
import { dispatch, isPlainObject } from './zod-dispatch';
import type { TemplateCategory } from '../templates/variable-shape';

export const RECORD_EVENTS = ['create', 'update', 'delete', 'publish', 'unpublish'] as const;
export type RecordEvent = (typeof RECORD_EVENTS)[number];
export const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
export const EVENT_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const UID = /^[a-z][a-z0-9-]*::[a-z0-9][a-z0-9._-]*$/;

export const fieldPathSchema = z.string().max(200).regex(FIELD_PATH, 'must be a field name or a dotted path like "customer.email"');
export const contentTypeSchema = z.string().regex(UID, 'must be a content type UID like "api::rma.rma"');
const timezoneSchema = z
  .string()
  .max(100)
  .refine(isValidTimeZone, (tz) => ({ message: `"${tz}" is not a time zone: use an IANA name like "Europe/Berlin" or "UTC"` }))
  .default('UTC');
const cronSchema = z
  .string()
  .max(200)
  .superRefine((cron, ctx) => {
    const reason = checkCron(cron);
    if (reason) ctx.addIssue({ code: z.ZodIssueCode.custom, message: reason });
  });

const SHORTHAND_KEYS = ['all', 'any', 'not', 'field', 'op'];
/**
 * Schedule filters also accept DESIGN's shorthand `{ "stage": "received" }` (field: value, a list for
 * "one of", null for empty); it is stored as the equivalent tree, so runners only ever see trees.
 */
export const filtersSchema = z.preprocess((value) => {
  if (!isPlainObject(value) || Object.keys(value).length === 0 || Object.keys(value).some((k) => SHORTHAND_KEYS.includes(k))) return value;
  return {
    all: Object.entries(value).map(([field, v]) =>
      v === null ? { field, op: 'isEmpty' } : Array.isArray(v) ? { field, op: 'in', value: v } : { field, op: 'equals', value: v },
    ),
  };
}, conditionSchema) as unknown as z.ZodType<Condition, z.ZodTypeDef, Condition | Record<string, unknown>>;

export type HoursSource = number | { field: string };
const hoursSchema = dispatch<HoursSource>((value) =>
  typeof value === 'number'
    ? z.number().min(0).max(87_600)
    : isPlainObject(value) && 'field' in value
      ? z.object({ field: fieldPathSchema }).strict()
      : 'must be a number of hours (48) or { "field": "tatHours" } (hours read from a number field of the record)',
);

const recordTriggerSchema = z
  .object({
    type: z.literal('record'),
    contentType: contentTypeSchema,
    events: z
      .array(z.enum(RECORD_EVENTS))
      .min(1, `needs at least one event: ${RECORD_EVENTS.join(', ')}`)
      .refine((events) => new Set(events).size === events.length, 'lists an event twice'),
  })
  .strict();

const scheduleTriggerSchema = z
  .object({
    type: z.literal('schedule'),
    /** 5 fields, or 6 with seconds first. */
    cron: cronSchema,
    timezone: timezoneSchema,
    contentType: contentTypeSchema,
    /** Which records the digest lists (no change operators: a schedule has no previous values). */
    filters: filtersSchema.optional(),
    /** Send a digest that lists no records (default: stay quiet). */
    sendWhenEmpty: z.boolean().default(false),
    maxRecords: z.number().int().min(1).max(1000).default(200),
    /** After a downtime: run the latest missed tick once, or skip missed ticks. */
    catchUp: z.enum(['skip', 'runOnce']).default('runOnce'),
  })
  .strict();

const timeTriggerSchema = z
  .object({
    type: z.literal('time'),
    contentType: contentTypeSchema,
    /** The date/datetime field the hours count from. */
    field: fieldPathSchema,
    olderThanHours: hoursSchema,
    repeat: z.enum(['once', 'daily', 'perDueDate']).default('once'),
    /** The calendar of `daily`. */
    timezone: timezoneSchema,
    /** How often the scanner looks, in minutes. */
    everyMinutes: z.number().int().min(1).max(1440).default(5),
    maxRecordsPerRun: z.number().int().min(1).max(5000).default(500),
  })
  .strict();

const eventTriggerSchema = z
  .object({
    type: z.literal('event'),
    name: z.string().regex(EVENT_NAME, 'must be lower-case letters, digits, ".", "_" or "-", like "rma.customer-replied"'),
    /** The type of the record passed to emit(); needed before conditions or recipient paths can name fields. */
    contentType: contentTypeSchema.optional(),
  })
  .strict();

export const triggerSchema = z.discriminatedUnion('type', [recordTriggerSchema, scheduleTriggerSchema, timeTriggerSchema, eventTriggerSchema], {
  errorMap: (issue, ctx) =>
    issue.code === z.ZodIssueCode.invalid_union_discriminator ? { message: 'must be "record", "schedule", "time" or "event"' } : { message: ctx.defaultError },
});

export type RuleTrigger = z.output<typeof triggerSchema>;
export type RecordTrigger = z.output<typeof recordTriggerSchema>;
export type ScheduleTrigger = z.output<typeof scheduleTriggerSchema>;
export type TimeTrigger = z.output<typeof timeTriggerSchema>;
export type EventTrigger = z.output<typeof eventTriggerSchema>;

export interface ModelCheckOptions {
  lookup: ModelLookup;
  sensitive: SensitiveFields;
}

/** A field path of `uid` that must resolve to one of `types`; the problem says what it is instead. */
export function checkTypedPath(uid: string, path: string, at: string, types: Set<string>, want: string, options: ModelCheckOptions): FieldProblem[] {
  const resolved = resolveFieldPath(options.lookup, uid, path, options.sensitive);
  if (!resolved.ok) {
    const hint = resolved.reason === 'unknown' ? suggestField(options.lookup, uid, path, options.sensitive) : '';
    return [{ path: at, message: resolved.message + hint }];
  }
  if (types.has(resolved.attribute.type)) return [];
  return [{ path: at, message: `"${path}" is ${describeAttribute(resolved.attribute)}; ${want}` }];
}

/**
 * Checks the trigger (given raw, so a shape error elsewhere does not hide these) against the model.
 * Returns the problems and the content type whose records the rule is about, when it exists.
 */
export function checkTriggerModel(raw: unknown, options: ModelCheckOptions): { problems: FieldProblem[]; model: ContentModel | null } {
  const trigger = isPlainObject(raw) ? raw : {};
  const uid = typeof trigger.contentType === 'string' && UID.test(trigger.contentType) ? trigger.contentType : null;
  if (!uid) return { problems: [], model: null };
  const model = options.lookup(uid);
  if (!model) {
    return { problems: [{ path: 'trigger.contentType', message: `there is no content type "${uid}": use the UID of a collection type, like "api::rma.rma"` }], model: null };
  }
  const problems: FieldProblem[] = [];
  if (trigger.type === 'record' && Array.isArray(trigger.events) && model.draftAndPublish === false) {
    for (const event of trigger.events.filter((e) => e === 'publish' || e === 'unpublish')) {
      problems.push({ path: 'trigger.events', message: `${uid} has no draft & publish, so "${String(event)}" never happens: remove it` });
    }
  }
  if (trigger.type === 'schedule' && trigger.filters !== undefined) {
    const filters = filtersSchema.safeParse(trigger.filters);
    if (filters.success) problems.push(...checkConditionFields(filters.data, { ...options, uid, allowChangeOps: false, prefix: 'trigger.filters' }));
  }
  if (trigger.type === 'time') {
    if (typeof trigger.field === 'string' && FIELD_PATH.test(trigger.field)) {
      problems.push(...checkTypedPath(uid, trigger.field, 'trigger.field', DATE_TYPES, 'a time rule counts from a date or date-and-time field, like "receivedAt"', options));
    }
    const hours = trigger.olderThanHours;
    if (isPlainObject(hours) && typeof hours.field === 'string' && FIELD_PATH.test(hours.field)) {
      problems.push(...checkTypedPath(uid, hours.field, 'trigger.olderThanHours.field', NUMBER_TYPES, 'the hours must come from a number field, like "tatHours"', options));
    }
  }
  return { problems, model };
}

/** The template category each kind of trigger renders (a schedule sends a digest of records). */
export const TEMPLATE_CATEGORY_OF_TRIGGER = { record: 'record', schedule: 'digest', time: 'time', event: 'event' } as const satisfies Record<RuleTrigger['type'], TemplateCategory>;
