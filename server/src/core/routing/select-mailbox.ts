/*
 * Chooses the mailbox for one attempt. Order of preference: the requested mailbox (a record's own
 * mailbox, or `send({ mailbox })`); else the task group's pool with its strategy; else the default pool
 * (all enabled outgoing mailboxes, the default first) with the default strategy. A mailbox is usable
 * when enabled, its circuit is closed and it is under its limits. Pure; every choice comes with the
 * reason the mail log shows. With no usable mailbox it says why and when to look again: the message
 * waits, it is never dropped.
 */
import { nearest, type GeoLocation } from './geo';
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
  latitude: number | null;
  longitude: number | null;
  countryCode: string | null;
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
  /** Where the recipient is (geo routing); the nearest usable mailbox of the pool wins. */
  recipientLocation?: GeoLocation | null;
  /** Why geo routing could not place the recipient (private or unknown address), for the log. */
  geoNote?: string | null;
}

export type Selection = { mailbox: MailboxCandidate; reason: string } | { mailbox: null; waitingReason: string; retryAt: Date };

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
  const notes: string[] = request.geoNote ? [request.geoNote] : [];
  const pick = (strategy: Strategy, pool: MailboxCandidate[], key: string): { mailbox: MailboxCandidate; how: string } | null => {
    if (request.recipientLocation) {
      const near = nearest(pool.filter((m) => usable.has(m.id)), request.recipientLocation);
      if (near) return { mailbox: near.mailbox, how: `nearest to the recipient (${request.recipientLocation.label}): ${near.how}` };
    }
    const chosen = pickMember(strategy, pool, usable, state, key);
    return chosen ? { mailbox: chosen, how: strategy } : null;
  };

  if (request.requested) {
    const wanted = outgoing.find((m) => m.id === request.requested || m.name === request.requested);
    if (wanted && usable.has(wanted.id)) return { mailbox: wanted, reason: `requested mailbox "${wanted.name}"` };
    notes.push(`requested mailbox "${request.requested}" ${wanted ? unusableBecause(wanted, now) : 'does not exist'}`);
  }

  if (request.taskGroup) {
    const group = request.taskGroup;
    const pool = group.mailboxIds.map((id) => outgoing.find((m) => m.id === id)).filter((m): m is MailboxCandidate => !!m);
    const chosen = pick(group.strategy, pool, `group:${group.name}`);
    if (chosen) return { mailbox: chosen.mailbox, reason: [...notes, `task group "${group.name}" (${chosen.how})`].join('; ') };
    const why = `no mailbox of task group "${group.name}" is usable`;
    if (group.fallback === 'wait') return waiting([...notes, why], pool, now);
    notes.push(why);
  } else if (request.unknownTaskGroup) {
    notes.push(`task group "${request.unknownTaskGroup}" does not exist`);
  }

  const pool = [...outgoing].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.priority - b.priority || a.name.localeCompare(b.name));
  const chosen = pick(defaultStrategy, pool, 'default');
  if (chosen && chosen.how !== defaultStrategy) return { mailbox: chosen.mailbox, reason: [...notes, `"${chosen.mailbox.name}", ${chosen.how}`].join('; ') };
  if (chosen) return { mailbox: chosen.mailbox, reason: [...notes, defaultPoolReason(chosen.mailbox, pool, defaultStrategy, now)].join('; ') };
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
