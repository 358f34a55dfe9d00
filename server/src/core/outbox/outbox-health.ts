/*
 * The outbox health verdicts of the mail log: which delivery workers are alive (by the rule that also
 * decides whose leases are taken over, core/outbox/worker-liveness), which mailboxes are failing, and
 * the problems (no worker, no mailbox, every mailbox failing, a stuck queue or rule run).
 * Pure: counts, rows and `now` come in; outbox/health-report reads them.
 */
import { workerGone, type LocalView, type WorkerFacts } from './worker-liveness';

export type OutboxProblemCode = 'NO_WORKER' | 'NO_MAILBOX' | 'ALL_MAILBOXES_FAILING' | 'QUEUE_STUCK' | 'RULE_RUN_STUCK';

export interface OutboxProblem {
  code: OutboxProblemCode;
  message: string;
}

export interface HealthThresholds {
  /** How often each delivery worker writes its heartbeat, ms (delivery.heartbeatIntervalMs). */
  heartbeatIntervalMs: number;
  /** Age at which the oldest queued message counts as stuck, minutes (delivery.stuckAfterMinutes). */
  stuckAfterMinutes: number;
  /** How long a schedule or time scan may run before it counts as stuck, minutes (rules.stuckRunMinutes). */
  stuckRunMinutes: number;
}

export interface HealthInput<W extends WorkerFacts> {
  counts: { queued?: number; sending?: number };
  oldestQueued: { ageSeconds: number; waitingReason: string | null } | null;
  /** Workers that have not recorded a stop. */
  workers: W[];
  /** What the instance answering sees of its own host (its exited worker processes); null: heartbeats only. */
  local?: LocalView | null;
  /** The enabled outgoing mailboxes. */
  mailboxes: { name: string; circuitOpenUntil: string | Date | null }[];
  /** Names of the rules whose schedule or time scan has been running too long. */
  stuckRuleRuns: string[];
  thresholds: HealthThresholds;
  /** ms since the epoch. */
  now: number;
}

export interface HealthVerdict<W> {
  workers: (W & { alive: boolean })[];
  failingMailboxes: string[];
  problems: OutboxProblem[];
}

export function outboxHealth<W extends WorkerFacts>(input: HealthInput<W>): HealthVerdict<W> {
  const { thresholds, now } = input;
  const workers = input.workers.map((w) => ({ ...w, alive: workerGone(w, input.local ?? null, thresholds.heartbeatIntervalMs, now) === null }));
  const failingMailboxes = input.mailboxes.filter((m) => m.circuitOpenUntil && new Date(m.circuitOpenUntil).getTime() > now).map((m) => m.name);
  const waiting = (input.counts.queued ?? 0) + (input.counts.sending ?? 0);
  const problems: OutboxProblem[] = [];
  if (waiting > 0 && !workers.some((w) => w.alive)) {
    problems.push({ code: 'NO_WORKER', message: 'Messages are waiting but no delivery worker is running in any Strapi instance.' });
  }
  if (input.mailboxes.length === 0) {
    problems.push({ code: 'NO_MAILBOX', message: 'No outgoing mailbox is enabled: messages wait until one is added or enabled.' });
  } else if (failingMailboxes.length === input.mailboxes.length) {
    problems.push({ code: 'ALL_MAILBOXES_FAILING', message: `Every outgoing mailbox is failing (${failingMailboxes.join(', ')}).` });
  }
  const oldest = input.oldestQueued;
  if (oldest && oldest.ageSeconds > thresholds.stuckAfterMinutes * 60) {
    const minutes = Math.round(oldest.ageSeconds / 60);
    problems.push({ code: 'QUEUE_STUCK', message: `The oldest queued message has waited ${minutes} minutes${oldest.waitingReason ? `: ${oldest.waitingReason}` : '.'}` });
  }
  if (input.stuckRuleRuns.length) {
    const names = input.stuckRuleRuns.map((n) => `"${n}"`).join(', ');
    problems.push({
      code: 'RULE_RUN_STUCK',
      message: `A schedule or time scan has been running for more than ${thresholds.stuckRunMinutes} minutes (${names}); its instance may have stopped mid-run.`,
    });
  }
  return { workers, failingMailboxes, problems };
}
