/*
 * Mailbox health after an attempt: a mailbox-level failure (login, TLS) opens the circuit at once;
 * connection failures open it after a few in a row; a success closes it. The open period grows while
 * the mailbox keeps failing. When it ends, the next message is the probe (half-open). Pure.
 */
import type { FailureKind } from '../delivery/classify-error';
import { inGroup } from '../smtp/smtp-error-codes';

export interface CircuitOptions {
  /** First open period, ms. */
  circuitBreakMs: number;
  /** Longest open period, ms. */
  circuitBreakMaxMs: number;
  /** Connection failures in a row that open the circuit. */
  connectionFailuresToOpen: number;
}

export interface MailboxHealth {
  consecutiveFailures: number;
  circuitOpenUntil: Date | null;
}

export function healthAfterSuccess(): MailboxHealth {
  return { consecutiveFailures: 0, circuitOpenUntil: null };
}

export function healthAfterFailure(
  current: MailboxHealth,
  kind: FailureKind,
  isConnectionFailure: boolean,
  now: Date,
  options: CircuitOptions,
): MailboxHealth {
  if (kind === 'permanent') return current; // the message was refused, the mailbox works
  if (kind === 'transient' && !isConnectionFailure) return current; // a busy server (4xx) is not a broken one
  const failures = current.consecutiveFailures + 1;
  const opens = kind === 'mailbox' || failures >= options.connectionFailuresToOpen;
  if (!opens) return { consecutiveFailures: failures, circuitOpenUntil: current.circuitOpenUntil };
  const steps = kind === 'mailbox' ? failures - 1 : failures - options.connectionFailuresToOpen;
  const openMs = Math.min(options.circuitBreakMaxMs, options.circuitBreakMs * 2 ** Math.max(0, steps));
  return { consecutiveFailures: failures, circuitOpenUntil: new Date(now.getTime() + openMs) };
}

/** Errors that mean "could not talk to the server", as opposed to an answer from it. */
export function isConnectionFailure(error: { code?: string | null; responseCode?: number | null }): boolean {
  return typeof error.responseCode !== 'number' && inGroup('connection', error.code);
}

export type CircuitState = 'closed' | 'open' | 'half-open';

/** Open until its deadline; past it, the next message is the probe (half-open) until one succeeds. */
export function circuitState(health: MailboxHealth, now: Date): CircuitState {
  if (!health.circuitOpenUntil) return 'closed';
  return health.circuitOpenUntil.getTime() > now.getTime() ? 'open' : 'half-open';
}
