/*
 * How rules compare record values: instants from Date or ISO strings, numbers from numbers or numeric
 * strings, related records by documentId, and "empty" (null, undefined, '' or []). Pure, never throws.
 */
import { valueAtPath } from './record-path';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

/** Milliseconds since the epoch for a Date or an ISO date string; null for anything else. */
export function toInstant(value: unknown): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  if (typeof value !== 'string' || !ISO_DATE.test(value.trim())) return null;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? null : time;
}

/** A finite number from a number or a numeric string; null otherwise. */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

/** Equality of two single values: exact, but dates as instants and "48" as 48. Case-sensitive. */
export function sameScalar(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const [ia, ib] = [toInstant(a), toInstant(b)];
  if (ia !== null && ib !== null) return ia === ib;
  if ((typeof a === 'number' && typeof b === 'string') || (typeof a === 'string' && typeof b === 'number')) {
    return toNumber(a) !== null && toNumber(a) === toNumber(b);
  }
  return false;
}

/** Deep equality; related records (objects with a documentId or id) are the same when the ids are. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (sameScalar(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return sameValues(a, b);
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  // A populated relation and the same relation populated with other fields are still the same record.
  if (a.documentId !== undefined && b.documentId !== undefined) return a.documentId === b.documentId;
  if (a.id !== undefined && b.id !== undefined) return a.id === b.id;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => sameValue(a[key], b[key]));
}

/** Order-insensitive: a to-many relation populated in another order has not changed. */
export function sameValues(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  const unmatched = [...b];
  for (const item of a) {
    const index = unmatched.findIndex((other) => sameValue(item, other));
    if (index < 0) return false;
    unmatched.splice(index, 1);
  }
  return true;
}

/** Drops empty strings, so '' and null count as the same "nothing". */
export function presentValues(values: unknown[]): unknown[] {
  return values.filter((value) => value !== '');
}

/** Orders a record value against a condition value: numbers as numbers, dates as instants, else null. */
export function compareValues(recordValue: unknown, conditionValue: unknown): number | null {
  const [ra, ca] = [toInstant(recordValue), toInstant(conditionValue)];
  if (ra !== null && ca !== null) return ra - ca;
  const [rn, cn] = [toNumber(recordValue), toNumber(conditionValue)];
  if (rn !== null && cn !== null && (typeof recordValue === 'number' || typeof conditionValue === 'number')) return rn - cn;
  return null;
}

/** Hours from `48`, `{ hours: 48 }` or `{ field: 'tatHours' }` (read from the record); null when unknown. */
export function hoursFrom(spec: unknown, record: unknown): number | null {
  if (typeof spec === 'number') return Number.isFinite(spec) ? spec : null;
  if (!isPlainObject(spec)) return null;
  if (typeof spec.hours === 'number') return Number.isFinite(spec.hours) ? spec.hours : null;
  if (typeof spec.field === 'string') return toNumber(valueAtPath(record, spec.field));
  return null;
}
