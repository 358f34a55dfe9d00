/*
 * The states of an action run and every allowed transition, one named entry each, plus the retry
 * decision after a failed attempt (backoff with jitter). Pure: the action-run repository is the only
 * code that applies these to rows, guarded on the `from` states; the clock and randomness come in.
 */
import type { ActionOutcome } from './event-types';

export const ACTION_RUN_STATUSES = ['queued', 'running', 'succeeded', 'retrying', 'failed'] as const;
export type ActionRunStatus = (typeof ACTION_RUN_STATUSES)[number];

export const ACTION_RUN_TRANSITIONS = {
  /** A new run, written before anything runs. */
  enqueue: { from: [], to: 'queued' },
  /** A runner takes a due run under a lease. */
  claim: { from: ['queued', 'retrying'], to: 'running' },
  markSucceeded: { from: ['running'], to: 'succeeded' },
  /** A retryable failure: tried again at `nextAttemptAt`. */
  scheduleRetry: { from: ['running'], to: 'retrying' },
  /** Not retryable, or attempts used up. */
  markFailed: { from: ['running'], to: 'failed' },
  /** The runner stopped or its instance is gone before a result: due again at once, attempts kept. */
  release: { from: ['running'], to: 'retrying' },
} as const satisfies Record<string, { from: readonly ActionRunStatus[]; to: ActionRunStatus }>;

export type ActionRunTransition = keyof typeof ACTION_RUN_TRANSITIONS;

export const transitionSources = (name: ActionRunTransition): readonly ActionRunStatus[] => ACTION_RUN_TRANSITIONS[name].from;

export interface RetryOptions {
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export interface AttemptDecision {
  transition: 'markSucceeded' | 'scheduleRetry' | 'markFailed';
  nextAttemptAt: Date | null;
  finishedAt: Date | null;
  httpStatus: number | null;
  error: string | null;
}

/** After attempt number `attempts` (1 = the first) answered `outcome`. */
export function decideAfterAttempt(outcome: ActionOutcome, attempts: number, now: Date, options: RetryOptions, random: () => number): AttemptDecision {
  const httpStatus = outcome.httpStatus ?? null;
  if (outcome.ok) return { transition: 'markSucceeded', nextAttemptAt: null, finishedAt: now, httpStatus, error: null };
  if (!outcome.retryable || attempts >= options.maxAttempts) {
    const error = outcome.retryable ? `${outcome.error} (gave up after ${attempts} attempts)` : outcome.error;
    return { transition: 'markFailed', nextAttemptAt: null, finishedAt: now, httpStatus, error };
  }
  // Full backoff doubling per attempt, with up to 20% jitter so instances do not retry in step.
  const delay = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** (attempts - 1));
  const jittered = Math.round(delay * (0.8 + 0.2 * random()));
  return { transition: 'scheduleRetry', nextAttemptAt: new Date(now.getTime() + jittered), finishedAt: null, httpStatus, error: outcome.error };
}

/** What a handler that threw counts as: a retryable failure with its message. */
export function outcomeOfThrow(error: unknown): ActionOutcome {
  return { ok: false, retryable: true, error: `the action failed: ${error instanceof Error ? error.message : String(error)}` };
}
