/*
 * Reads a dotted path (`customer.email`, `rmas.number`) out of a plain record as Strapi returns it.
 * Arrays (to-many relations, multiple media) are flattened; null and undefined are skipped.
 * Pure: it never checks the path against a schema (content-model.ts does that) and never throws.
 */

/** Dates and other class instances are values, not records to walk into. */
function isWalkable(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function flatten(value: unknown, out: unknown[]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value) flatten(item, out);
    return;
  }
  out.push(value);
}

/** Every value at `path`, in record order. An empty path yields the record itself. */
export function valuesAtPath(record: unknown, path: string): unknown[] {
  let current: unknown[] = [];
  flatten(record, current);
  if (path === '') return current;
  for (const segment of path.split('.')) {
    const next: unknown[] = [];
    for (const item of current) {
      // Own properties only: a path like `constructor` or `__proto__` must not reach the prototype.
      if (isWalkable(item) && Object.hasOwn(item, segment)) flatten(item[segment], next);
    }
    current = next;
    if (current.length === 0) break;
  }
  return current;
}

/** The first value at `path`, or undefined when there is none. */
export function valueAtPath(record: unknown, path: string): unknown {
  return valuesAtPath(record, path)[0];
}
