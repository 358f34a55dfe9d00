/*
 * Field errors as the forms hold them: one message per dotted path (`recipients.to.1.path`), and what
 * lies at or under a path. Pure: never decides where or how a message is shown.
 */

/** Dotted path -> the message shown under its input. */
export type FieldErrors = Partial<Record<string, string>>;

/** Whether `path` is `prefix` itself or lies under it (`mailboxes.2` is under `mailboxes`). */
export const isUnder = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`);

/** The first message at `prefix` or under it (`recipients.to.0` finds `recipients.to.0.address`). */
export function errorAt(errors: FieldErrors, prefix: string): string | undefined {
  const hit = Object.entries(errors).find(([path, message]) => message && isUnder(path, prefix));
  return hit?.[1];
}
