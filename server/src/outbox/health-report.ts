/*
 * The outbox health an admin sees in the banner: counts, the oldest queued message, the workers
 * with whether they are alive (as far as this instance can tell), failing mailboxes, and the problems
 * that need a person. It gathers the facts; the verdicts are core/outbox/outbox-health's. It writes nothing.
 */
import type { Core } from '@strapi/strapi';
import { getPluginConfig } from '../config/plugin-config';
import { outboxHealth } from '../core/outbox/outbox-health';
import type { MailboxStore } from '../mailboxes/mailbox-store';
import type { MessageQueries } from './message-queries';
import { listRunningWorkers, localView } from './worker-heartbeat';

export interface HealthReportDeps {
  queries: Pick<MessageQueries, 'countByStatus' | 'oldestQueued'>;
  mailboxes: Pick<MailboxStore, 'enabledOutgoing'>;
  /** Names of the schedules and time scans running for longer than `minutes`. */
  stuckRuleRuns(minutes: number, now: Date): Promise<string[]>;
}

export function createHealthReport(strapi: Core.Strapi, deps: HealthReportDeps) {
  return {
    async health() {
      const config = getPluginConfig(strapi);
      const now = Date.now();
      const [counts, oldest, workers, mailboxes, stuckRuleRuns] = await Promise.all([
        deps.queries.countByStatus(),
        deps.queries.oldestQueued(),
        listRunningWorkers(strapi),
        deps.mailboxes.enabledOutgoing(),
        deps.stuckRuleRuns(config.rules.stuckRunMinutes, new Date(now)),
      ]);
      const oldestAgeSeconds = oldest ? Math.round((now - new Date(oldest.createdAt).getTime()) / 1000) : null;
      const verdict = outboxHealth({
        counts,
        oldestQueued: oldestAgeSeconds === null ? null : { ageSeconds: oldestAgeSeconds, waitingReason: oldest?.waitingReason ?? null },
        workers,
        local: localView(workers),
        mailboxes,
        stuckRuleRuns,
        thresholds: { heartbeatIntervalMs: config.delivery.heartbeatIntervalMs, stuckAfterMinutes: config.delivery.stuckAfterMinutes, stuckRunMinutes: config.rules.stuckRunMinutes },
        now,
      });
      return {
        counts: { queued: counts.queued ?? 0, sending: counts.sending ?? 0, sent: counts.sent ?? 0, failed: counts.failed ?? 0, cancelled: counts.cancelled ?? 0 },
        oldestQueuedAt: oldest?.createdAt ?? null,
        oldestQueuedAgeSeconds: oldestAgeSeconds,
        workers: verdict.workers.map(({ hostKey: _internal, ...worker }) => worker),
        failingMailboxes: verdict.failingMailboxes,
        problems: verdict.problems,
      };
    },
  };
}

export type HealthReport = ReturnType<typeof createHealthReport>;
