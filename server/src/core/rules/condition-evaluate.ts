/*
 * Evaluates a condition tree against a record (and its previous version), and explains the verdict
 * node by node for the dry run. Pure and deterministic: the clock is the `now` it is given.
 * It does not validate the tree (condition-tree.ts does); unknown shapes simply do not match.
 */
import { CHANGE_OPS, type Condition, type LeafCondition } from './condition-tree';
import { valuesAtPath } from './record-path';
import { compareValues, hoursFrom, presentValues, sameScalar, sameValues, toInstant } from './record-values';

export interface EvaluationContext {
  record: unknown;
  /** The record before the change; null on create (then every field counts as empty before). */
  previous: unknown | null;
  now: Date;
}

export interface ConditionExplanation {
  label: string;
  matched: boolean;
  /** The values the leaf saw, e.g. `now "authorized", before "received"`. */
  detail?: string;
  children?: ConditionExplanation[];
}

const HOUR_MS = 3_600_000;

/** An empty value list matches null; otherwise some value must equal `expected`. */
function holds(values: unknown[], expected: unknown): boolean {
  return expected === null ? values.length === 0 : values.some((v) => sameScalar(v, expected));
}

function instantsOf(values: unknown[]): number[] {
  return values.map(toInstant).filter((t): t is number => t !== null);
}

function evaluateLeaf(leaf: LeafCondition, ctx: EvaluationContext): boolean {
  const values = presentValues(valuesAtPath(ctx.record, leaf.field));
  const before = () => (ctx.previous === null || ctx.previous === undefined ? [] : presentValues(valuesAtPath(ctx.previous, leaf.field)));
  const value = leaf.value;
  const compare = (test: (order: number) => boolean) =>
    values.some((v) => {
      const order = compareValues(v, value);
      return order !== null && test(order);
    });
  switch (leaf.op) {
    case 'equals': return values.some((v) => sameScalar(v, value));
    case 'notEquals': return !values.some((v) => sameScalar(v, value));
    case 'in': return Array.isArray(value) && values.some((v) => value.some((x) => sameScalar(v, x)));
    case 'notIn': return !Array.isArray(value) || !values.some((v) => value.some((x) => sameScalar(v, x)));
    case 'contains': {
      const needle = String(value).toLowerCase();
      return values.some((v) => (typeof v === 'string' || typeof v === 'number') && String(v).toLowerCase().includes(needle));
    }
    case 'gt': return compare((o) => o > 0);
    case 'gte': return compare((o) => o >= 0);
    case 'lt': return compare((o) => o < 0);
    case 'lte': return compare((o) => o <= 0);
    case 'isEmpty': return values.length === 0;
    case 'isNotEmpty': return values.length > 0;
    case 'changed': return !sameValues(before(), values);
    case 'changedFrom': return holds(before(), value) && !holds(values, value);
    case 'changedTo': return !holds(before(), value) && holds(values, value);
    case 'olderThan':
    case 'withinLast': {
      const hours = hoursFrom(value, ctx.record);
      if (hours === null) return false;
      const cutoff = ctx.now.getTime() - hours * HOUR_MS;
      const instants = instantsOf(values);
      return leaf.op === 'olderThan' ? instants.some((t) => t < cutoff) : instants.some((t) => t >= cutoff && t <= ctx.now.getTime());
    }
    default:
      return false;
  }
}

export function evaluateCondition(tree: Condition, ctx: EvaluationContext): boolean {
  if ('all' in tree) return tree.all.every((child) => evaluateCondition(child, ctx));
  if ('any' in tree) return tree.any.some((child) => evaluateCondition(child, ctx));
  if ('not' in tree) return !evaluateCondition(tree.not, ctx);
  return evaluateLeaf(tree, ctx);
}

/**
 * Three-valued evaluation while some fields are not loaded yet (relations are read only when a rule
 * needs them): a leaf on a field `isLoaded` rejects is unknown. `true`/`false` are final; `null` means
 * "load those fields and evaluate again". An `all` with one false leaf is false whatever the rest is.
 */
export function evaluatePartially(tree: Condition, ctx: EvaluationContext, isLoaded: (field: string) => boolean): boolean | null {
  if ('all' in tree || 'any' in tree) {
    const isAll = 'all' in tree;
    let unknown = false;
    for (const child of isAll ? tree.all : tree.any) {
      const result = evaluatePartially(child, ctx, isLoaded);
      if (result === null) unknown = true;
      else if (result !== isAll) return result;
    }
    return unknown ? null : isAll;
  }
  if ('not' in tree) {
    const result = evaluatePartially(tree.not, ctx, isLoaded);
    return result === null ? null : !result;
  }
  const hoursField = tree.value && typeof tree.value === 'object' && 'field' in tree.value ? String((tree.value as { field: unknown }).field) : null;
  if (!isLoaded(tree.field) || (hoursField !== null && !isLoaded(hoursField))) return null;
  return evaluateLeaf(tree, ctx);
}

/**
 * Before an update, knowing only which fields it writes: can the condition hold afterwards? A change
 * operator on a field the update does not write is false; everything else is unknown. `false` means
 * the rule cannot fire, so the save does not even read the previous version for it.
 */
export function couldHoldAfterUpdate(tree: Condition, written: ReadonlySet<string>): boolean {
  const verdict = (node: Condition): boolean | null => {
    if ('all' in node || 'any' in node) {
      const isAll = 'all' in node;
      let unknown = false;
      for (const child of isAll ? node.all : node.any) {
        const result = verdict(child);
        if (result === null) unknown = true;
        else if (result !== isAll) return result;
      }
      return unknown ? null : isAll;
    }
    if ('not' in node) {
      const result = verdict(node.not);
      return result === null ? null : !result;
    }
    return CHANGE_OPS.has(node.op) && !written.has(node.field.split('.')[0]!) ? false : null;
  };
  return verdict(tree) !== false;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'object') {
    const ref = value as { documentId?: unknown; id?: unknown };
    return ref.documentId !== undefined ? `record ${String(ref.documentId)}` : ref.id !== undefined ? `record ${String(ref.id)}` : 'a record';
  }
  return String(value);
}

function showAll(values: unknown[]): string {
  if (values.length === 0) return 'empty';
  const shown = values.slice(0, 5).map(show).join(', ');
  return values.length > 5 ? `${shown} and ${values.length - 5} more` : shown;
}

function hoursLabel(spec: unknown): string {
  if (typeof spec === 'number') return `${spec} hours`;
  const object = (spec ?? {}) as { hours?: unknown; field?: unknown };
  return object.field !== undefined ? `"${String(object.field)}" hours` : `${String(object.hours)} hours`;
}

/** "stage changed to \"authorized\"", "receivedAt is older than 48 hours". */
export function describeLeaf(leaf: LeafCondition): string {
  const { field, value } = leaf;
  const dated = toInstant(value) !== null;
  switch (leaf.op) {
    case 'equals': return `${field} is ${show(value)}`;
    case 'notEquals': return `${field} is not ${show(value)}`;
    case 'in': return `${field} is one of ${showAll(value as unknown[])}`;
    case 'notIn': return `${field} is none of ${showAll(value as unknown[])}`;
    case 'contains': return `${field} contains ${show(value)}`;
    case 'gt': return `${field} is ${dated ? 'after' : 'greater than'} ${show(value)}`;
    case 'gte': return `${field} is ${dated ? 'at or after' : 'at least'} ${show(value)}`;
    case 'lt': return `${field} is ${dated ? 'before' : 'less than'} ${show(value)}`;
    case 'lte': return `${field} is ${dated ? 'at or before' : 'at most'} ${show(value)}`;
    case 'isEmpty': return `${field} is empty`;
    case 'isNotEmpty': return `${field} is not empty`;
    case 'changed': return `${field} changed`;
    case 'changedFrom': return `${field} changed from ${show(value)}`;
    case 'changedTo': return `${field} changed to ${show(value)}`;
    case 'olderThan': return `${field} is older than ${hoursLabel(value)}`;
    case 'withinLast': return `${field} is within the last ${hoursLabel(value)}`;
    default: return `${field} ${String(leaf.op)}`;
  }
}

/** The verdict of every node, for the dry run (no short-circuit: every branch is shown). */
export function explainCondition(tree: Condition, ctx: EvaluationContext): ConditionExplanation {
  if ('all' in tree || 'any' in tree) {
    const all = 'all' in tree;
    const children = (all ? tree.all : tree.any).map((child) => explainCondition(child, ctx));
    const matched = all ? children.every((c) => c.matched) : children.some((c) => c.matched);
    const label = all
      ? children.length ? 'all of these are true' : 'no conditions (always true)'
      : children.length ? 'at least one of these is true' : 'an empty "any" group (never true)';
    return { label, matched, children };
  }
  if ('not' in tree) {
    const inner = explainCondition(tree.not, ctx);
    return { label: 'this is not true', matched: !inner.matched, children: [inner] };
  }
  const now = presentValues(valuesAtPath(ctx.record, tree.field));
  const isChange = tree.op === 'changed' || tree.op === 'changedFrom' || tree.op === 'changedTo';
  const before = isChange ? (ctx.previous ? presentValues(valuesAtPath(ctx.previous, tree.field)) : []) : null;
  const detail = before ? `now ${showAll(now)}, before ${ctx.previous ? showAll(before) : 'empty (new record)'}` : `now ${showAll(now)}`;
  return { label: describeLeaf(tree), matched: evaluateLeaf(tree, ctx), detail };
}
