/*
 * The condition builder's rows and their translation from and to the rule's condition tree: a flat
 * `all`/`any` of field-op-value rows; anything deeper stays JSON. Values are typed from the field's
 * type when known (numbers, true/false, lists for in/notIn, hours). Pure: no React, no HTTP.
 */
import { CONDITION_OPS, VALUELESS_OPS, type Condition, type ConditionOp, type LeafCondition } from '../../api/rule-types';

export type Combinator = 'all' | 'any';

export interface ConditionRowValues {
  /** Stable React key; never sent. */
  key: number;
  field: string;
  op: ConditionOp;
  /** As typed: comma-separated for in/notIn, hours (or a number field) for olderThan/withinLast. */
  value: string;
}

export interface BuilderConditions {
  combinator: Combinator;
  rows: ConditionRowValues[];
}

let nextKey = 1;
export const newConditionRow = (field = '', op: ConditionOp = 'equals', value = ''): ConditionRowValues => ({ key: nextKey++, field, op, value });

const TEXT_TYPES = new Set(['string', 'text', 'richtext', 'email', 'uid', 'enumeration', 'password']);
const LIST_OPS: readonly ConditionOp[] = ['in', 'notIn'];
const HOUR_OPS: readonly ConditionOp[] = ['olderThan', 'withinLast'];
const NULLABLE_OPS: readonly ConditionOp[] = ['changedFrom', 'changedTo'];
const NUMERIC = /^-?\d+(\.\d+)?$/;

const isLeaf = (node: Condition): node is LeafCondition => 'field' in node && 'op' in node;
const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** The text a stored value shows as; null when the row cannot show it (then the tree stays JSON). */
function valueText(op: ConditionOp, value: unknown): string | null {
  if (value === undefined) return VALUELESS_OPS.includes(op) || NULLABLE_OPS.includes(op) ? '' : null;
  if (value === null) return NULLABLE_OPS.includes(op) ? '' : null;
  if (LIST_OPS.includes(op)) {
    return Array.isArray(value) && value.every((v) => isScalar(v) && !String(v).includes(',')) ? value.map(String).join(', ') : null;
  }
  if (HOUR_OPS.includes(op) && value !== null && typeof value === 'object') {
    const spec = value as Record<string, unknown>;
    if (typeof spec.hours === 'number') return String(spec.hours);
    if (typeof spec.field === 'string') return spec.field;
    return null;
  }
  return isScalar(value) ? String(value) : null;
}

/** The builder rows of a tree, or null when it needs the JSON editor (nesting, `not`, unusual values). */
export function toBuilder(tree: Condition | undefined): BuilderConditions | null {
  const node = tree ?? { all: [] };
  const combinator: Combinator | null = 'all' in node ? 'all' : 'any' in node ? 'any' : isLeaf(node) ? 'all' : null;
  if (!combinator) return null;
  const children = isLeaf(node) ? [node] : (node as Record<Combinator, Condition[]>)[combinator];
  const rows: ConditionRowValues[] = [];
  for (const child of children) {
    if (!isLeaf(child) || !CONDITION_OPS.includes(child.op)) return null;
    const text = valueText(child.op, child.value);
    if (text === null) return null;
    rows.push(newConditionRow(child.field, child.op, text));
  }
  return { combinator, rows };
}

/** One typed value: text fields keep text; otherwise numbers and true/false become what they say. */
function typedScalar(text: string, fieldType: string | undefined): string | number | boolean {
  if (fieldType && TEXT_TYPES.has(fieldType)) return text;
  if (text === 'true' || text === 'false') return text === 'true';
  return NUMERIC.test(text) ? Number(text) : text;
}

/** The stored value of a row, typed after the field (types: field name -> attribute type, when known). */
export function rowValue(row: ConditionRowValues, fieldType: string | undefined): unknown {
  const text = row.value.trim();
  if (VALUELESS_OPS.includes(row.op)) return undefined;
  if (LIST_OPS.includes(row.op)) {
    return text
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part) => typedScalar(part, fieldType));
  }
  if (NULLABLE_OPS.includes(row.op)) return text === '' ? null : typedScalar(text, fieldType);
  if (HOUR_OPS.includes(row.op)) return NUMERIC.test(text) ? Number(text) : text === '' ? undefined : { field: text };
  if (['gt', 'gte', 'lt', 'lte'].includes(row.op)) return NUMERIC.test(text) ? Number(text) : text;
  if (row.op === 'contains') return text;
  return typedScalar(text, fieldType);
}

/** The tree the builder stands for; an empty builder is `{ all: [] }` (always matches). */
export function fromBuilder(builder: BuilderConditions, fieldTypes: ReadonlyMap<string, string>): Condition {
  const leaves = builder.rows.map((row): LeafCondition => {
    const value = rowValue(row, fieldTypes.get(row.field.trim()));
    return { field: row.field.trim(), op: row.op, ...(value === undefined ? {} : { value }) };
  });
  return builder.combinator === 'all' ? { all: leaves } : { any: leaves };
}

/** Operators offered for a trigger: change operators only where there is a previous version. */
export const opsFor = (triggerType: string): ConditionOp[] =>
  CONDITION_OPS.filter((op) => triggerType === 'record' || !(['changed', 'changedFrom', 'changedTo'] as string[]).includes(op));
