/*
 * Validates and applies a mailbox's "exclude expression": a regular expression that blocks recipients.
 * An admin-supplied regex runs on every recipient, so one that can backtrack catastrophically (ReDoS)
 * is refused when it is saved; the check is recheck's automaton analysis, not a heuristic.
 */
import { checkSync } from 'recheck';

export const EXCLUDE_EXPRESSION_MAX_LENGTH = 500;

export type ExcludeExpressionVerdict = { ok: true } | { ok: false; reason: string };

export function checkExcludeExpression(source: string): ExcludeExpressionVerdict {
  if (source.length > EXCLUDE_EXPRESSION_MAX_LENGTH) {
    return { ok: false, reason: `must be at most ${EXCLUDE_EXPRESSION_MAX_LENGTH} characters` };
  }
  try {
    new RegExp(source, 'i');
  } catch (error) {
    return { ok: false, reason: `is not a valid regular expression (${(error as Error).message})` };
  }
  const diagnostics = checkSync(source, 'i', { timeout: 2000 });
  if (diagnostics.status === 'safe') return { ok: true };
  if (diagnostics.status === 'vulnerable') {
    return {
      ok: false,
      reason:
        `can backtrack catastrophically (${diagnostics.complexity.type} time on input like ` +
        `"${diagnostics.attack.pattern}"); avoid nested or overlapping repetition such as (a+)+ or (a|a)*`,
    };
  }
  return { ok: false, reason: 'is too complex to prove safe against catastrophic backtracking; simplify it' };
}

/** True when the address matches the (already validated) exclude expression. */
export function isExcluded(address: string, source: string | null | undefined): boolean {
  if (!source) return false;
  return new RegExp(source, 'i').test(address);
}
