/*
 * Turns the result of one delivery attempt into the message's next transition (with its row patch)
 * and the attempt record kept in its history. Pure: clock value and randomness come in as arguments.
 * The status itself comes from the message lifecycle, never from here.
 */
import { transitionPatch, type StatusPatch } from '../outbox/message-lifecycle';
import type { AttemptError, FailureKind } from './classify-error';
import { nextStepAfterFailure, type RetryOptions } from './retry-policy';

export interface AttemptContext {
  retryableFailures: number;
  attempts: number;
  mailbox: { id: string; name: string } | null;
  now: Date;
  durationMs: number;
}

export interface AttemptRecord {
  at: string;
  mailboxId: string | null;
  mailboxName: string | null;
  outcome: 'sent' | 'retry' | 'failed' | 'mailbox-failed' | 'lease-expired' | 'waiting';
  code?: string | null;
  responseCode?: number | null;
  response?: string | null;
  error?: string | null;
  durationMs?: number;
  note?: string;
  /** Why this mailbox was chosen for the attempt (strategy, geo distance, failover hop). */
  route?: string;
}

export interface SuccessInfo {
  messageId: string;
  response: string;
  rejected: string[];
}

export interface OutcomePatch extends StatusPatch {
  attempts: number;
  retryableFailures: number;
  mailboxId: string | null;
  mailboxName: string | null;
  serverResponse?: string | null;
  rejectedRecipients?: string[];
  lastError: string | null;
  lastErrorCode: string | null;
  waitingReason: null;
}

/** The SMTP event names an attempt produces: every failed attempt, and the final one. */
export type SmtpDeliveryEvent = 'delivery-failed' | 'final-delivery-failed';

export interface AttemptOutcome {
  transition: 'markSent' | 'scheduleRetry' | 'markFailed';
  patch: OutcomePatch;
  record: AttemptRecord;
  /** The SMTP events this attempt produced (the engine logs them): every failed attempt, and the final one. */
  events: SmtpDeliveryEvent[];
}

export function outcomeOfSuccess(ctx: AttemptContext, info: SuccessInfo): AttemptOutcome {
  const record: AttemptRecord = {
    at: ctx.now.toISOString(),
    mailboxId: ctx.mailbox?.id ?? null,
    mailboxName: ctx.mailbox?.name ?? null,
    outcome: 'sent',
    response: info.response,
    durationMs: ctx.durationMs,
    ...(info.rejected.length ? { note: `Refused recipients: ${info.rejected.join(', ')}` } : {}),
  };
  return {
    transition: 'markSent',
    patch: {
      ...transitionPatch('markSent', ctx.now),
      attempts: ctx.attempts + 1,
      retryableFailures: ctx.retryableFailures,
      mailboxId: ctx.mailbox?.id ?? null,
      mailboxName: ctx.mailbox?.name ?? null,
      serverResponse: info.response,
      rejectedRecipients: info.rejected,
      lastError: null,
      lastErrorCode: null,
      waitingReason: null,
    },
    record,
    events: [],
  };
}

export function outcomeOfFailure(
  ctx: AttemptContext,
  error: AttemptError & { response?: string | null },
  kind: FailureKind,
  options: RetryOptions,
  random: () => number,
  mailboxRetryAt: Date,
): AttemptOutcome {
  const step = nextStepAfterFailure(kind, ctx.retryableFailures, ctx.now, options, random, mailboxRetryAt);
  const message = error.message ?? 'Unknown error';
  const base = {
    attempts: ctx.attempts + 1,
    retryableFailures: step.retryableFailures,
    mailboxId: ctx.mailbox?.id ?? null,
    mailboxName: ctx.mailbox?.name ?? null,
    serverResponse: error.response ?? null,
    lastError: message,
    lastErrorCode: error.code ?? (error.responseCode ? String(error.responseCode) : null),
    waitingReason: null,
  } as const;
  const record: AttemptRecord = {
    at: ctx.now.toISOString(),
    mailboxId: ctx.mailbox?.id ?? null,
    mailboxName: ctx.mailbox?.name ?? null,
    outcome: step.action === 'fail' ? 'failed' : step.action === 'requeue' ? 'mailbox-failed' : 'retry',
    code: error.code ?? null,
    responseCode: error.responseCode ?? null,
    response: error.response ?? null,
    error: message,
    durationMs: ctx.durationMs,
  };
  if (step.action === 'fail') {
    record.note =
      step.finalReason === 'permanent'
        ? 'The server refused the message permanently; it will not be retried.'
        : `Final delivery failed after ${step.retryableFailures} attempts.`;
    return { transition: 'markFailed', patch: { ...base, ...transitionPatch('markFailed', ctx.now) }, record, events: ['delivery-failed', 'final-delivery-failed'] };
  }
  record.note =
    step.action === 'requeue'
      ? `The mailbox is unusable (${kind} error); the message waits for a working mailbox, without using up its attempts.`
      : `Temporary failure ${step.retryableFailures} of ${options.maxAttempts}; next attempt at ${step.at.toISOString()}.`;
  return { transition: 'scheduleRetry', patch: { ...base, ...transitionPatch('scheduleRetry', ctx.now), nextAttemptAt: step.at }, record, events: ['delivery-failed'] };
}

/**
 * The delivery stopped with an unexpected error before any result (a bug, or the database went away
 * mid-attempt): the message leaves `sending` at once, with the error recorded as an attempt. It counts
 * as a temporary failure (backoff, attempts), so a message that always crashes ends as failed instead
 * of looping.
 */
export function outcomeOfCrash(ctx: AttemptContext, message: string, options: RetryOptions, random: () => number): AttemptOutcome {
  const outcome = outcomeOfFailure(ctx, { code: null, message }, 'transient', options, random, ctx.now);
  const next = outcome.transition === 'markFailed' ? `Final delivery failed after ${outcome.patch.retryableFailures} attempts.` : `It is queued again (next attempt at ${outcome.patch.nextAttemptAt?.toISOString()}).`;
  return { ...outcome, events: [], record: { ...outcome.record, note: `The delivery stopped with an unexpected error before a result. ${next}` } };
}
