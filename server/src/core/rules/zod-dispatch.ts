/*
 * A zod schema that picks one of several schemas by looking at the value first ("an object with
 * `path`" -> the path entry schema), so errors name the real problem instead of zod's "Invalid input"
 * for a failed union. Pure helper for the rule schemas; it adds no rules of its own.
 */
import { z } from 'zod';

/** `choose` returns the schema for the value, or a message saying which shapes are accepted. */
export function dispatch<Output, Input = Output>(choose: (value: unknown) => z.ZodTypeAny | string): z.ZodType<Output, z.ZodTypeDef, Input> {
  const schema = z.unknown().transform((value, ctx): Output => {
    const chosen = choose(value);
    if (typeof chosen === 'string') {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: chosen });
      return z.NEVER;
    }
    const result = chosen.safeParse(value);
    if (result.success) return result.data as Output;
    // Issue paths are relative to the value; zod prefixes them with the path of this schema.
    for (const issue of result.error.issues) ctx.addIssue(issue);
    return z.NEVER;
  });
  return schema as unknown as z.ZodType<Output, z.ZodTypeDef, Input>;
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
