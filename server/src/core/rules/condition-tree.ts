/*
 * Condition trees of rules ({ all } | { any } | { not } | { field, op, value }): their zod schema and
 * the check of every field against the content model (existence, privacy, type, enum values).
 * Pure: evaluation lives in condition-evaluate.ts, translation to Strapi filters in condition-filters.ts.
 */
import { z } from 'zod';
import type { FieldProblem } from '../errors';
import type { ModelLookup, SensitiveFields } from '../schema/content-model';
import { resolveFieldPath } from '../schema/content-model';
import { DATE_TYPES, NUMBER_TYPES, TEXT_TYPES, describeAttribute, suggestField } from './field-kinds';
import { toInstant } from './record-values';

export const CONDITION_OPS = [
  'equals', 'notEquals', 'in', 'notIn', 'contains', 'gt', 'gte', 'lt', 'lte', 'isEmpty', 'isNotEmpty',
  'changed', 'changedFrom', 'changedTo', 'olderThan', 'withinLast',
] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];
/** Operators that compare with the previous version of the record (record triggers only). */
export const CHANGE_OPS: ReadonlySet<ConditionOp> = new Set(['changed', 'changedFrom', 'changedTo']);

export type HoursSpec = number | { hours: number } | { field: string };
export interface LeafCondition {
  field: string;
  op: ConditionOp;
  value?: unknown;
}
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | LeafCondition;

export const MAX_CONDITION_DEPTH = 8;
export const MAX_CONDITION_NODES = 100;
const MAX_HOURS = 87_600; // ten years

const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const SHAPES = 'must be { "all": [...] }, { "any": [...] }, { "not": {...} } or { "field": "stage", "op": "equals", "value": "received" }';

type ValueCheck = (value: unknown) => string | null;
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isScalar = (v: unknown) => (typeof v === 'string' && v.length <= 1000) || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';

const scalar: ValueCheck = (v) => (isScalar(v) ? null : 'must be a text, a number or true/false');
const scalarOrNull: ValueCheck = (v) => (v === null || isScalar(v) ? null : 'must be a text, a number, true/false or null (empty)');
const list: ValueCheck = (v) =>
  Array.isArray(v) && v.length >= 1 && v.length <= 100 && v.every(isScalar) ? null : 'must be a list of 1 to 100 values, like ["received", "authorized"]';
const text: ValueCheck = (v) => (typeof v === 'string' && v.length >= 1 && v.length <= 1000 ? null : 'must be a text of 1 to 1000 characters');
const orderable: ValueCheck = (v) =>
  (typeof v === 'number' && Number.isFinite(v)) || toInstant(v) !== null ? null : 'must be a number, or a date like "2026-11-25T08:00:00Z"';
const hours: ValueCheck = (v) => {
  const n = typeof v === 'number' ? v : isObject(v) && Object.keys(v).length === 1 && 'hours' in v ? v.hours : undefined;
  if (n !== undefined) return typeof n === 'number' && n >= 0 && n <= MAX_HOURS ? null : `must be a number of hours from 0 to ${MAX_HOURS}`;
  if (isObject(v) && Object.keys(v).length === 1 && typeof v.field === 'string' && FIELD_PATH.test(v.field)) return null;
  return 'must be a number of hours (48), { "hours": 48 } or { "field": "tatHours" } (hours read from a number field of the record)';
};

/** What `value` each operator takes; null means it takes none. */
const VALUE_CHECKS: Record<ConditionOp, ValueCheck | null> = {
  equals: scalar, notEquals: scalar, in: list, notIn: list, contains: text,
  gt: orderable, gte: orderable, lt: orderable, lte: orderable,
  isEmpty: null, isNotEmpty: null, changed: null, changedFrom: scalarOrNull, changedTo: scalarOrNull,
  olderThan: hours, withinLast: hours,
};

type Path = (string | number)[];

function checkLeaf(node: Record<string, unknown>, path: Path, ctx: z.RefinementCtx): void {
  const extra = Object.keys(node).filter((k) => !['field', 'op', 'value'].includes(k));
  if (extra.length) ctx.addIssue({ code: z.ZodIssueCode.unrecognized_keys, keys: extra, path });
  if (typeof node.field !== 'string' || !FIELD_PATH.test(node.field) || node.field.length > 200) {
    const message = node.field === undefined ? 'is required: the field to test, like "stage" or "customer.email"' : 'must be a field name or a dotted path like "customer.email"';
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: [...path, 'field'], message });
  }
  const op = node.op;
  if (typeof op !== 'string' || !(CONDITION_OPS as readonly string[]).includes(op)) {
    const what = op === undefined ? 'is required' : `"${String(op)}" is not a known operator`;
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: [...path, 'op'], message: `${what}: use one of ${CONDITION_OPS.join(', ')}` });
    return;
  }
  const check = VALUE_CHECKS[op as ConditionOp];
  const valuePath = [...path, 'value'];
  if (!check) {
    if (node.value !== undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: valuePath, message: `"${op}" takes no value: remove "value"` });
    return;
  }
  const message = node.value === undefined ? `is required: "${op}" compares with a value` : check(node.value);
  if (message) ctx.addIssue({ code: z.ZodIssueCode.custom, path: valuePath, message });
}

function checkNode(node: unknown, path: Path, depth: number, budget: { nodes: number }, ctx: z.RefinementCtx): void {
  budget.nodes += 1;
  if (budget.nodes === MAX_CONDITION_NODES + 1) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: [], message: `has more than ${MAX_CONDITION_NODES} conditions: split the rule, or use "in" with a list of values` });
  }
  if (budget.nodes > MAX_CONDITION_NODES) return;
  if (depth > MAX_CONDITION_DEPTH) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: `is nested more than ${MAX_CONDITION_DEPTH} levels deep: flatten the groups` });
    return;
  }
  if (!isObject(node)) return void ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: SHAPES });
  const group = (['all', 'any', 'not'] as const).find((key) => Object.hasOwn(node, key));
  if (!group) {
    if ('field' in node || 'op' in node) checkLeaf(node, path, ctx);
    else ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: SHAPES });
    return;
  }
  const extra = Object.keys(node).filter((k) => k !== group);
  if (extra.length) ctx.addIssue({ code: z.ZodIssueCode.unrecognized_keys, keys: extra, path });
  const children = node[group];
  if (group === 'not') return checkNode(children, [...path, 'not'], depth + 1, budget, ctx);
  if (!Array.isArray(children)) return void ctx.addIssue({ code: z.ZodIssueCode.custom, path: [...path, group], message: 'must be a list of conditions' });
  children.forEach((child, i) => checkNode(child, [...path, group, i], depth + 1, budget, ctx));
}

/** A condition tree; the output is the input, checked (unknown keys are refused, not stripped). */
export const conditionSchema = z
  .unknown()
  .superRefine((value, ctx) => checkNode(value, [], 1, { nodes: 0 }, ctx))
  .transform((value) => value as Condition) as unknown as z.ZodType<Condition, z.ZodTypeDef, Condition>;

export interface ConditionFieldOptions {
  lookup: ModelLookup;
  /** The content type whose records the tree tests. */
  uid: string;
  sensitive?: SensitiveFields;
  /** False for schedules, time scans and custom events: they have no previous version of the record. */
  allowChangeOps: boolean;
  /** Dotted path of the tree in the request, e.g. `conditions` or `trigger.filters`. */
  prefix?: string;
}

const join = (...parts: (string | number | undefined)[]) => parts.filter((p) => p !== undefined && p !== '').join('.');
const quote = (values: unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

/** Every problem with the fields of a (schema-valid) tree, with its dotted path. */
export function checkConditionFields(tree: Condition, options: ConditionFieldOptions): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const visit = (node: Condition, path: string) => {
    if ('all' in node) return node.all.forEach((child, i) => visit(child, join(path, 'all', i)));
    if ('any' in node) return node.any.forEach((child, i) => visit(child, join(path, 'any', i)));
    if ('not' in node) return visit(node.not, join(path, 'not'));
    problems.push(...checkLeafFields(node, path, options));
  };
  visit(tree, options.prefix ?? '');
  return problems;
}

function checkLeafFields(leaf: LeafCondition, path: string, options: ConditionFieldOptions): FieldProblem[] {
  const { lookup, uid, sensitive = {} } = options;
  const problems: FieldProblem[] = [];
  const problem = (suffix: string, message: string) => problems.push({ path: join(path, suffix), message });
  const { field, op, value } = leaf;
  if (CHANGE_OPS.has(op) && !options.allowChangeOps) {
    problem('op', `"${op}" compares with the previous version of the record, which only record triggers have (schedules, time rules and custom events see the record as it is now): use "equals" or another operator`);
  }
  const resolved = resolveFieldPath(lookup, uid, field, sensitive);
  if (!resolved.ok) {
    problem('field', resolved.message + (resolved.reason === 'unknown' ? suggestField(lookup, uid, field, sensitive) : ''));
    return problems;
  }
  const attribute = resolved.attribute;
  const type = attribute.type;
  const what = `"${field}" is ${describeAttribute(attribute)}`;
  const compared = op === 'in' || op === 'notIn' ? (value as unknown[]) : [value];
  switch (op) {
    case 'equals': case 'notEquals': case 'in': case 'notIn': case 'changedFrom': case 'changedTo': {
      const values = compared.filter((v) => v !== null);
      if (type === 'relation' || type === 'media') {
        problem('field', `${what}, which cannot be compared with a value: compare one of its fields (like "${field}.id"), or use isEmpty, isNotEmpty or changed`);
      } else if (type === 'enumeration' && attribute.enum) {
        const unknown = values.filter((v) => !attribute.enum!.includes(v as string));
        if (unknown.length) problem('value', `${quote(unknown)} ${unknown.length > 1 ? 'are not values' : 'is not a value'} of "${field}": use one of ${quote(attribute.enum)}`);
      } else if (type === 'boolean' && values.some((v) => typeof v !== 'boolean')) {
        problem('value', `${what}: compare it with true or false`);
      } else if (NUMBER_TYPES.has(type) && values.some((v) => typeof v !== 'number')) {
        problem('value', `${what}: compare it with a number (without quotes)`);
      }
      break;
    }
    case 'contains':
      if (!TEXT_TYPES.has(type)) problem('field', `${what}; "contains" works on text fields only`);
      break;
    case 'gt': case 'gte': case 'lt': case 'lte':
      if (NUMBER_TYPES.has(type)) {
        if (typeof value !== 'number') problem('value', `${what}: compare it with a number (without quotes)`);
      } else if (DATE_TYPES.has(type)) {
        if (toInstant(value) === null) problem('value', `${what}: compare it with a date like "2026-11-25T08:00:00Z" (or use olderThan / withinLast for times relative to now)`);
      } else problem('field', `${what}; "${op}" needs a number or a date field`);
      break;
    case 'olderThan': case 'withinLast': {
      if (!DATE_TYPES.has(type)) problem('field', `${what}; "${op}" needs a date or date-and-time field, like "receivedAt"`);
      const hoursField = value !== null && typeof value === 'object' && 'field' in value ? String(value.field) : null;
      if (hoursField !== null) {
        const hours = resolveFieldPath(lookup, uid, hoursField, sensitive);
        if (!hours.ok) problem('value.field', hours.message + (hours.reason === 'unknown' ? suggestField(lookup, uid, hoursField, sensitive) : ''));
        else if (!NUMBER_TYPES.has(hours.attribute.type)) problem('value.field', `"${hoursField}" is ${describeAttribute(hours.attribute)}; the hours must come from a number field, like "tatHours"`);
      }
      break;
    }
    default:
      break;
  }
  return problems;
}
