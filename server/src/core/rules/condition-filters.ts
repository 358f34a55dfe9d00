/*
 * Translates a condition tree into Strapi 5 document-service filters, so schedules and time scans let
 * the database do the first cut. Pure. What SQL cannot say (change operators, hours read from another
 * field, to-many paths) is left out and reported with `exact: false`: the caller then re-checks every
 * loaded record with evaluateCondition. Filters are always a superset of the matching records.
 */
import type { ModelLookup } from '../schema/content-model';
import { resolveFieldPath } from '../schema/content-model';
import type { Condition, LeafCondition } from './condition-tree';
import { TEXT_TYPES } from './field-kinds';

export interface ConditionFilters {
  /** null: nothing could be expressed, load without filters (and re-check in JS). */
  filters: Record<string, unknown> | null;
  /** true: the filters select exactly the matching records; false: re-check with evaluateCondition. */
  exact: boolean;
}

/** Types the paths (text or not, to-many or not); without it relation paths are assumed to-one. */
export interface FilterModel {
  lookup: ModelLookup;
  uid: string;
}

type Filter = Record<string, unknown>;
type Part = { kind: 'true' } | { kind: 'false' } | { kind: 'none' } | { kind: 'filter'; filter: Filter; exact: boolean };

const HOUR_MS = 3_600_000;
// No row has a null id, so this selects nothing (the translation of an empty "any").
const NOTHING: Filter = { id: { $null: true } };
const NONE: Part = { kind: 'none' };

/** `customer.email` + `{ $eq: x }` -> `{ customer: { email: { $eq: x } } }`. */
function at(path: string, operator: Filter): Filter {
  return path.split('.').reduceRight<Filter>((inner, segment) => ({ [segment]: inner }), operator);
}

const or = (...filters: Filter[]): Filter => ({ $or: filters });

interface LeafFacts {
  many: boolean;
  /** null when unknown (no model). */
  text: boolean | null;
  relationOrMedia: boolean;
}

function factsOf(leaf: LeafCondition, model: FilterModel | undefined): LeafFacts | null {
  if (!model) return { many: false, text: null, relationOrMedia: false };
  const resolved = resolveFieldPath(model.lookup, model.uid, leaf.field);
  if (!resolved.ok) return null;
  const type = resolved.attribute.type;
  return { many: resolved.many, text: TEXT_TYPES.has(type), relationOrMedia: type === 'relation' || type === 'media' };
}

function leafPart(leaf: LeafCondition, negated: boolean, now: Date, model: FilterModel | undefined): Part {
  const facts = factsOf(leaf, model);
  // Several conditions on one to-many relation may share a SQL join and so select too little: leave them to JS.
  if (!facts || facts.many) return NONE;
  const { field, value } = leaf;
  const isNull = at(field, { $null: true });
  // A relation or media field is empty when the joined id is null.
  const emptyTest = facts.relationOrMedia ? at(`${field}.id`, { $null: true }) : null;
  const filled = facts.relationOrMedia ? at(`${field}.id`, { $notNull: true }) : null;
  const exact = (filter: Filter): Part => ({ kind: 'filter', filter, exact: true });
  // SQL's NOT and != drop NULL rows, while an empty field "is not x": negations add an explicit null test.
  const orNull = (operator: Filter): Part => exact(or(at(field, operator), isNull));
  const isEmpty = (): Part => {
    if (emptyTest) return exact(emptyTest);
    if (facts.text === null) return NONE;
    return exact(facts.text ? or(isNull, at(field, { $eq: '' })) : isNull);
  };
  const isNotEmpty = (): Part => {
    if (filled) return exact(filled);
    if (facts.text === null) return { kind: 'filter', filter: at(field, { $notNull: true }), exact: false };
    return exact(facts.text ? { $and: [at(field, { $notNull: true }), at(field, { $ne: '' })] } : at(field, { $notNull: true }));
  };
  const hours = typeof value === 'number' ? value : (value as { hours?: unknown } | undefined)?.hours;
  const cutoff = typeof hours === 'number' ? new Date(now.getTime() - hours * HOUR_MS).toISOString() : null;
  const nowIso = now.toISOString();
  switch (leaf.op) {
    case 'equals': return negated ? orNull({ $ne: value }) : exact(at(field, { $eq: value }));
    case 'notEquals': return negated ? exact(at(field, { $eq: value })) : orNull({ $ne: value });
    case 'in': return negated ? orNull({ $notIn: value }) : exact(at(field, { $in: value }));
    case 'notIn': return negated ? exact(at(field, { $in: value })) : orNull({ $notIn: value });
    case 'contains': return negated ? orNull({ $notContainsi: value }) : exact(at(field, { $containsi: value }));
    case 'gt': return negated ? orNull({ $lte: value }) : exact(at(field, { $gt: value }));
    case 'gte': return negated ? orNull({ $lt: value }) : exact(at(field, { $gte: value }));
    case 'lt': return negated ? orNull({ $gte: value }) : exact(at(field, { $lt: value }));
    case 'lte': return negated ? orNull({ $gt: value }) : exact(at(field, { $lte: value }));
    case 'isEmpty': return negated ? isNotEmpty() : isEmpty();
    case 'isNotEmpty': return negated ? isEmpty() : isNotEmpty();
    case 'olderThan':
      if (!cutoff) return NONE;
      return negated ? orNull({ $gte: cutoff }) : exact(at(field, { $lt: cutoff }));
    case 'withinLast':
      if (!cutoff) return NONE;
      return negated ? exact(or(at(field, { $lt: cutoff }), at(field, { $gt: nowIso }), isNull)) : exact(at(field, { $gte: cutoff, $lte: nowIso }));
    default:
      return NONE; // change operators need the previous record, which the database does not have
  }
}

function combineAll(parts: Part[]): Part {
  if (parts.some((p) => p.kind === 'false')) return { kind: 'false' };
  const filters = parts.filter((p): p is Extract<Part, { kind: 'filter' }> => p.kind === 'filter');
  // Dropping an inexpressible member of an AND widens the selection, which the JS re-check narrows again.
  const exact = filters.every((p) => p.exact) && !parts.some((p) => p.kind === 'none');
  if (filters.length === 0) return exact ? { kind: 'true' } : NONE;
  if (filters.length === 1) return { kind: 'filter', filter: filters[0]!.filter, exact };
  return { kind: 'filter', filter: { $and: filters.map((p) => p.filter) }, exact };
}

function combineAny(parts: Part[]): Part {
  if (parts.some((p) => p.kind === 'true')) return { kind: 'true' };
  // Dropping a member of an OR would narrow the selection and lose records: the whole OR is inexpressible.
  if (parts.some((p) => p.kind === 'none')) return NONE;
  const filters = parts.filter((p): p is Extract<Part, { kind: 'filter' }> => p.kind === 'filter');
  if (filters.length === 0) return { kind: 'false' };
  const exact = filters.every((p) => p.exact);
  if (filters.length === 1) return filters[0]!;
  return { kind: 'filter', filter: { $or: filters.map((p) => p.filter) }, exact };
}

/** `negated` pushes a `not` down to the leaves (De Morgan), so no SQL NOT meets a NULL. */
function translate(node: Condition, negated: boolean, now: Date, model: FilterModel | undefined): Part {
  if ('not' in node) return translate(node.not, !negated, now, model);
  if ('all' in node || 'any' in node) {
    const all = 'all' in node;
    const parts = (all ? node.all : node.any).map((child) => translate(child, negated, now, model));
    return all !== negated ? combineAll(parts) : combineAny(parts);
  }
  return leafPart(node, negated, now, model);
}

export function conditionToFilters(tree: Condition, now: Date, model?: FilterModel): ConditionFilters {
  const part = translate(tree, false, now, model);
  switch (part.kind) {
    case 'true': return { filters: {}, exact: true };
    case 'false': return { filters: NOTHING, exact: true };
    case 'none': return { filters: null, exact: false };
    default: return { filters: part.filter, exact: part.exact };
  }
}
