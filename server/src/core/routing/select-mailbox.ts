/*
 * Chooses the mailbox for one attempt. Order of preference: the requested mailbox (a record's own
 * mailbox, or `send({ mailbox })`); else the task group's pool with its strategy; else the default pool
 * (all enabled outgoing mailboxes, the default first) with the default strategy. A mailbox is usable
 * when enabled, its circuit is closed and it is under its limits. Pure; every choice comes with the
 * reason the mail log shows. With no usable mailbox it says why and when to look again: the message
 * waits, it is never dropped.
 */
import type { LimitVerdict } from './limits';
import { pickMember, type Strategy, type StrategyState } from './strategies';

export interface MailboxCandidate {
  id: string;
  name: string;
  enabled: boolean;
  direction: 'out' | 'in';
  isDefault: boolean;
  priority: number;
  circuitOpenUntil: Date | null;
  weight: number;
  poolSize: number;
  inFlight: number;
  sentLastMinute: number;
  limit: LimitVerdict;
}

export interface TaskGroupRoute {
  name: string;
  strategy: Strategy;
  mailboxIds: string[];
  /** When none of its mailboxes is usable: use the default pool, or wait for one of them. */
  fallback: 'default' | 'wait';
}

export interface RouteRequest {
  requested: string | null;
  taskGroup: TaskGroupRoute | null;
  /** A task group was named but does not exist (the message still goes, through the default pool). */
  unknownTaskGroup?: string | null;
}

/** `routine` is true for the everyday choice (the default mailbox, nothing unusual), which the log skips. */
export type Selection = { mailbox: MailboxCandidate; reason: string; routine?: boolean } | { mailbox: null; waitingReason: string; retryAt: Date };

const RETRY_WITHOUT_HINT_MS = 60_000;

function unusableBecause(m: MailboxCandidate, now: Date): string | null {
  if (!m.enabled) return 'is disabled';
  if (m.circuitOpenUntil && m.circuitOpenUntil > now) return 'is failing (circuit open)';
  if (!m.limit.ok) return m.limit.reason;
  return null;
}

export function selectMailbox(
  candidates: MailboxCandidate[],
  request: RouteRequest,
  now: Date,
  state: StrategyState,
  defaultStrategy: Strategy = 'failover',
): Selection {
  const outgoing = candidates.filter((m) => m.direction === 'out');
  const usable = new Set(outgoing.filter((m) => unusableBecause(m, now) === null).map((m) => m.id));
  const notes: string[] = [];

  if (request.requested) {
    const wanted = outgoing.find((m) => m.id === request.requested || m.name === request.requested);
    if (wanted && usable.has(wanted.id)) return { mailbox: wanted, reason: `requested mailbox "${wanted.name}"` };
    notes.push(`requested mailbox "${request.requested}" ${wanted ? unusableBecause(wanted, now) : 'does not exist'}`);
  }

  if (request.taskGroup) {
    const group = request.taskGroup;
    const pool = group.mailboxIds.map((id) => outgoing.find((m) => m.id === id)).filter((m): m is MailboxCandidate => !!m);
    const chosen = pickMember(group.strategy, pool, usable, state, `group:${group.name}`);
    if (chosen) return { mailbox: chosen, reason: [...notes, `task group "${group.name}" (${group.strategy})`].join('; ') };
    const why = `no mailbox of task group "${group.name}" is usable`;
    if (group.fallback === 'wait') return waiting([...notes, why], pool, now);
    notes.push(why);
  } else if (request.unknownTaskGroup) {
    notes.push(`task group "${request.unknownTaskGroup}" does not exist`);
  }

  const pool = [...outgoing].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.priority - b.priority || a.name.localeCompare(b.name));
  const chosen = pickMember(defaultStrategy, pool, usable, state, 'default');
  if (chosen) {
    const routine = notes.length === 0 && chosen.isDefault && defaultStrategy === 'failover';
    return { mailbox: chosen, reason: [...notes, defaultPoolReason(chosen, pool, defaultStrategy, now)].join('; '), routine };
  }
  return waiting(notes, pool, now);
}

function defaultPoolReason(chosen: MailboxCandidate, pool: MailboxCandidate[], strategy: Strategy, now: Date): string {
  if (strategy !== 'failover') return `"${chosen.name}" from the default pool (${strategy})`;
  if (chosen.isDefault) return `default mailbox "${chosen.name}"`;
  const fallen = pool.find((m) => m.isDefault);
  const why = fallen ? `default mailbox "${fallen.name}" ${unusableBecause(fallen, now)}; ` : '';
  return `${why}failover to "${chosen.name}" (priority ${chosen.priority})`;
}

function waiting(notes: string[], pool: MailboxCandidate[], now: Date): Selection {
  const retry = (at: number) => new Date(Math.max(at, now.getTime() + 1000));
  if (pool.length === 0) {
    return {
      mailbox: null,
      waitingReason: [...notes, 'No outgoing mailbox is configured: add one in Settings > Email notifications > Mailboxes.'].join('; '),
      retryAt: retry(now.getTime() + RETRY_WITHOUT_HINT_MS),
    };
  }
  const enabled = pool.filter((m) => m.enabled);
  if (enabled.length === 0) {
    return { mailbox: null, waitingReason: [...notes, 'Every outgoing mailbox is disabled.'].join('; '), retryAt: retry(now.getTime() + RETRY_WITHOUT_HINT_MS) };
  }
  const reopen = enabled
    .map((m) => Math.max(m.circuitOpenUntil && m.circuitOpenUntil > now ? m.circuitOpenUntil.getTime() : 0, m.limit.ok ? 0 : m.limit.until.getTime()))
    .reduce((a, b) => Math.min(a, b));
  const reasons = enabled.map((m) => `"${m.name}" ${unusableBecause(m, now)}`).join(', ');
  return {
    mailbox: null,
    waitingReason: [...notes, `No mailbox can send now (${reasons}); trying again at ${new Date(reopen).toISOString()}.`].join('; '),
    retryAt: retry(reopen),
  };
}
