/*
 * The outbox health an admin sees in the banner: counts, the oldest queued message, the workers
 * with whether they still beat, failing mailboxes, and the problems that need a person. It reads
 * through the outbox's own queries and the neighbours it is handed; it writes nothing.
 */
import type { Core } from '@strapi/strapi';
import { getPluginConfig } from '../config/plugin-config';
import type { MailboxStore } from '../mailboxes/mailbox-store';
import type { MessageQueries } from './message-queries';
import { listRunningWorkers } from './worker-heartbeat';

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
      const [counts, oldest, workers, mailboxes] = await Promise.all([
        deps.queries.countByStatus(),
        deps.queries.oldestQueued(),
        listRunningWorkers(strapi),
        deps.mailboxes.enabledOutgoing(),
      ]);
      const aliveAfter = now - 3 * config.delivery.heartbeatIntervalMs;
      const workerList = workers.map((w) => ({
        instanceId: w.instanceId,
        hostname: w.hostname,
        pid: w.pid,
        startedAt: w.startedAt,
        lastBeatAt: w.lastBeatAt,
        sentCount: w.sentCount,
        failedCount: w.failedCount,
        alive: new Date(w.lastBeatAt).getTime() >= aliveAfter,
      }));
      const failing = mailboxes.filter((m) => m.circuitOpenUntil && new Date(m.circuitOpenUntil).getTime() > now);
      const queued = (counts.queued ?? 0) + (counts.sending ?? 0);
      const oldestAgeSeconds = oldest ? Math.round((now - new Date(oldest.createdAt).getTime()) / 1000) : null;
      const problems: { code: string; message: string }[] = [];
      if (queued > 0 && !workerList.some((w) => w.alive)) {
        problems.push({ code: 'NO_WORKER', message: 'Messages are waiting but no delivery worker is running in any Strapi instance.' });
      }
      if (mailboxes.length === 0) {
        problems.push({ code: 'NO_MAILBOX', message: 'No outgoing mailbox is enabled: messages wait until one is added or enabled.' });
      }
      else if (failing.length === mailboxes.length) {
        problems.push({ code: 'ALL_MAILBOXES_FAILING', message: `Every outgoing mailbox is failing (${failing.map((m) => m.name).join(', ')}).` });
      }
      if (oldestAgeSeconds !== null && oldestAgeSeconds > config.delivery.stuckAfterMinutes * 60) {
        problems.push({
          code: 'QUEUE_STUCK',
          message: `The oldest queued message has waited ${Math.round(oldestAgeSeconds / 60)} minutes${oldest?.waitingReason ? `: ${oldest.waitingReason}` : '.'}`,
        });
      }
      const names = await deps.stuckRuleRuns(config.rules.stuckRunMinutes, new Date(now));
      if (names.length) {
        problems.push({
          code: 'RULE_RUN_STUCK',
          message: `A schedule or time scan has been running for more than ${config.rules.stuckRunMinutes} minutes (${names.map((n) => `"${n}"`).join(', ')}); its instance may have stopped mid-run.`,
        });
      }
      return {
        counts: { queued: counts.queued ?? 0, sending: counts.sending ?? 0, sent: counts.sent ?? 0, failed: counts.failed ?? 0, cancelled: counts.cancelled ?? 0 },
        oldestQueuedAt: oldest?.createdAt ?? null,
        oldestQueuedAgeSeconds: oldestAgeSeconds,
        workers: workerList,
        failingMailboxes: failing.map((m) => m.name),
        problems,
      };
    },
  };
}

export type HealthReport = ReturnType<typeof createHealthReport>;
