/*
 * What happens to a message after an attempt: sent, retry at a time, fail for good, or wait for a
 * mailbox. Pure: the clock value and the random source are passed in.
 * Backoff is exponential with "equal jitter" (a random delay between half the exponential cap and the
 * cap) so that a burst of failures does not come back as a burst.
 */
import type { FailureKind } from './classify-error';

export interface RetryOptions {
  /** Attempts (transient failures) before a message is failed for good. */
  maxAttempts: number;
  /** First retry delay, ms. */
  backoffBaseMs: number;
  /** Upper bound for one delay, ms. */
  backoffMaxMs: number;
}

export type NextStep =
  | { action: 'retry'; at: Date; retryableFailures: number }
  | { action: 'fail'; finalReason: 'permanent' | 'attempts-exhausted'; retryableFailures: number }
  | { action: 'requeue'; at: Date; retryableFailures: number };

export function backoffDelayMs(failures: number, options: RetryOptions, random: () => number): number {
  const cap = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** Math.max(0, failures - 1));
  // Never less than half the cap: a retry a few ms later rarely helps a struggling server.
  return Math.round(cap / 2 + (random() * cap) / 2);
}

/**
 * @param previousFailures retryable failures before this attempt
 * @param mailboxRetryAt   for a mailbox-level failure: when the next mailbox may be tried (now if another one is usable)
 */
export function nextStepAfterFailure(
  kind: FailureKind,
  previousFailures: number,
  now: Date,
  options: RetryOptions,
  random: () => number,
  mailboxRetryAt: Date = now,
): NextStep {
  if (kind === 'permanent') return { action: 'fail', finalReason: 'permanent', retryableFailures: previousFailures };
  if (kind === 'mailbox') {
    // The message did nothing wrong: it does not use up its attempts, it waits for a usable mailbox.
    return { action: 'requeue', at: mailboxRetryAt, retryableFailures: previousFailures };
  }
  const failures = previousFailures + 1;
  if (failures >= options.maxAttempts) return { action: 'fail', finalReason: 'attempts-exhausted', retryableFailures: failures };
  return { action: 'retry', at: new Date(now.getTime() + backoffDelayMs(failures, options, random)), retryableFailures: failures };
}
