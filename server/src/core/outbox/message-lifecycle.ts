/*
 * The states of an outbox message and every allowed transition between them, one named entry each,
 * with the status patch a transition writes. Pure. The message repository is the only code that
 * applies them to rows, guarded on the `from` states; no other code sets a message's status.
 */
import type { FieldProblem } from '../errors';

export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Statuses a message does not leave by itself (only an admin's retry, or retention). */
export const FINISHED_STATUSES = ['sent', 'failed', 'cancelled'] as const satisfies readonly MessageStatus[];

interface Transition {
  /** States the transition starts from; empty for the ones that create the row. */
  from: readonly MessageStatus[];
  to: MessageStatus;
}

export const MESSAGE_TRANSITIONS = {
  /** A new message, due at its delivery time. */
  enqueue: { from: [], to: 'queued' },
  /** A new message whose every recipient was suppressed by the flood guards: recorded, never sent. */
  recordSuppressed: { from: [], to: 'cancelled' },
  /** A worker takes a due message under a lease. */
  claim: { from: ['queued'], to: 'sending' },
  /** The server accepted the message. */
  markSent: { from: ['sending'], to: 'sent' },
  /** A temporary failure, or no usable mailbox: back to the queue until `nextAttemptAt`. */
  scheduleRetry: { from: ['sending'], to: 'queued' },
  /** Refused for good, or attempts used up ("final delivery failed"). */
  markFailed: { from: ['sending'], to: 'failed' },
  /** The mailbox's recipient policy removed every recipient. */
  cancelBlocked: { from: ['sending'], to: 'cancelled' },
  /**
   * The attempt did not finish: the worker stopped, its instance is gone, its lease expired, or the
   * delivery crashed. The message keeps its place in the queue (it was due when it was claimed).
   */
  release: { from: ['sending'], to: 'queued' },
  /** An admin sends a failed or cancelled message again, with a fresh set of attempts. */
  retryByAdmin: { from: ['failed', 'cancelled'], to: 'queued' },
  /** An admin stops a message that is still waiting. */
  cancelByAdmin: { from: ['queued'], to: 'cancelled' },
} as const satisfies Record<string, Transition>;

export type TransitionName = keyof typeof MESSAGE_TRANSITIONS;

export interface StatusPatch {
  status: MessageStatus;
  sentAt?: Date | null;
  failedAt?: Date | null;
  cancelledAt?: Date | null;
  leaseOwner?: null;
  leaseExpiresAt?: null;
  nextAttemptAt?: Date;
  retryableFailures?: number;
}

/**
 * The lease owner a claim writes: the claiming instance's id and a token of that one claim, so the
 * rows an instance holds are found by its id, and a result is written only under the claim it came from.
 */
export function leaseOwner(instanceId: string, claimToken: string): string {
  return `${instanceId}:${claimToken}`;
}

/** The instance that holds a lease (the claim token has no colon; an instance id may). */
export function leaseHolder(owner: string): string {
  const end = owner.lastIndexOf(':');
  return end < 0 ? owner : owner.slice(0, end);
}

/** The states a transition may start from (the guard of every write that applies it). */
export function transitionSources(name: TransitionName): readonly MessageStatus[] {
  return MESSAGE_TRANSITIONS[name].from;
}

/** Status, its timestamp, and the lease given up when leaving `sending`. */
export function transitionPatch(name: TransitionName, now: Date): StatusPatch {
  const { from, to } = MESSAGE_TRANSITIONS[name] as Transition;
  const patch: StatusPatch = { status: to };
  if (to === 'sent') patch.sentAt = now;
  if (to === 'failed') patch.failedAt = now;
  if (to === 'cancelled') patch.cancelledAt = now;
  if (from.includes('sending')) Object.assign(patch, { leaseOwner: null, leaseExpiresAt: null });
  if (name === 'retryByAdmin') Object.assign(patch, { nextAttemptAt: now, retryableFailures: 0, failedAt: null, cancelledAt: null });
  return patch;
}

interface AdminView {
  status: MessageStatus;
  bodyPurgedAt: string | null;
  secretsMasked: boolean;
}

/** Why an admin cannot send this message again, or null when they can. */
export function adminRetryRefusal(row: AdminView): FieldProblem | null {
  if (!(transitionSources('retryByAdmin') as readonly string[]).includes(row.status)) {
    return { path: 'status', message: `only failed or cancelled messages can be retried; this one is ${row.status}` };
  }
  if (row.bodyPurgedAt) {
    return { path: 'bodyPurgedAt', message: 'the body of this message was deleted by the retention settings, so it cannot be sent again' };
  }
  if (row.secretsMasked) {
    return { path: 'secretsMasked', message: 'this message contained secrets (links, tokens) that were masked after sending; sending the masked copy would be useless' };
  }
  return null;
}

/** Why an admin cannot cancel this message, or null when they can. */
export function adminCancelRefusal(row: Pick<AdminView, 'status'>): FieldProblem | null {
  if ((transitionSources('cancelByAdmin') as readonly string[]).includes(row.status)) return null;
  return { path: 'status', message: `only queued messages can be cancelled; this one is ${row.status}` };
}

/** The refusal to delete a message a worker is sending (it would write a result for a missing row). */
export const DELETE_WHILE_SENDING: FieldProblem = { path: 'status', message: 'the message is being sent right now; delete it once it is sent or failed' };

export function deleteRefusal(row: Pick<AdminView, 'status'>): FieldProblem | null {
  return row.status === MESSAGE_TRANSITIONS.claim.to ? DELETE_WHILE_SENDING : null;
}

/** The refusal when a guarded cancel found the message already claimed by a worker. */
export const CANCEL_TOO_LATE: FieldProblem = { path: 'status', message: 'the message is being sent right now and can no longer be cancelled' };
