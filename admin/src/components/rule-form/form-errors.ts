/*
 * Server field errors of the rule form, by dotted path (`recipients.to.1.path`): the first one at or
 * under a path, and dropping those under a path once its value changed. Pure.
 */
import type { FieldErrors } from '../mailbox-form/form-values';

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`);

/** The first message at `prefix` or under it (`recipients.to.0` finds `recipients.to.0.address`). */
export function errorAt(errors: FieldErrors, prefix: string): string | undefined {
  const hit = Object.entries(errors).find(([path, message]) => message && under(path, prefix));
  return hit?.[1];
}

/** Errors without those at or under any of `prefixes`. */
export const withoutErrors = <E extends Partial<Record<string, unknown>>>(errors: E, ...prefixes: string[]): E =>
  Object.fromEntries(Object.entries(errors).filter(([path]) => !prefixes.some((prefix) => under(path, prefix)))) as E;
