/* Parses a request body (or any untrusted input) with a zod schema; bad input becomes an InputError. */
import type { ZodType, ZodTypeDef } from 'zod';
import { InputError } from './errors';
import { zodProblems } from './zod-problems';

export function parseInput<T>(schema: ZodType<T, ZodTypeDef, unknown>, input: unknown, prefix = ''): T {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new InputError(zodProblems(result.error, prefix));
}
