/*
 * The Overview's numbers (GET /stats): sent, failed, bounced and waiting messages per UTC hour or day,
 * the oldest queued message, and each outgoing mailbox at a glance (sent today against its quota, its
 * last error, its circuit). Gathers the facts through grouped queries; reads no rows into memory; writes nothing.
 */
import { parseInput } from '../core/parse-input';
import { InputError } from '../core/errors';
import { circuitState } from '../core/routing/circuit-breaker';
import { fillBuckets, statsQuerySchema, statsWindow, totalsOf } from '../core/outbox/stats-query';
import type { MailboxStore } from '../mailboxes/mailbox-store';
import type { MessageQueries } from './message-queries';

export interface StatsReportDeps {
  queries: Pick<MessageQueries, 'statsCounts' | 'oldestQueued'>;
  mailboxes: Pick<MailboxStore, 'list'>;
  /** The task groups' names, for the Overview's filter (an admin with messages.read only may not read the groups). */
  taskGroupNames(): Promise<string[]>;
}

type ListedMailbox = Awaited<ReturnType<MailboxStore['list']>>[number];

function mailboxAtAGlance(mailbox: ListedMailbox, now: Date) {
  const { health } = mailbox;
  const circuitOpenUntil = health.circuitOpenUntil ? new Date(health.circuitOpenUntil) : null;
  return {
    id: mailbox.id,
    name: mailbox.name,
    enabled: mailbox.enabled,
    sentToday: mailbox.usage.sentToday,
    dailyQuota: mailbox.dailyQuota,
    lastError: health.lastFailure,
    lastErrorAt: health.lastFailureAt,
    lastSuccessAt: health.lastSuccessAt,
    circuit: circuitState({ consecutiveFailures: health.consecutiveFailures, circuitOpenUntil }, now),
    circuitOpenUntil: health.circuitOpenUntil,
  };
}

export function createStatsReport(deps: StatsReportDeps) {
  return {
    async stats(rawQuery: unknown) {
      const query = parseInput(statsQuerySchema, rawQuery);
      const now = new Date();
      const resolved = statsWindow(query, now);
      if ('problems' in resolved) throw new InputError(resolved.problems);
      const { window } = resolved;
      const scope = { ...(window.mailbox ? { $or: [{ mailboxId: window.mailbox }, { mailboxName: window.mailbox }] } : {}), ...(window.taskGroup ? { taskGroup: window.taskGroup } : {}) };
      const [counts, oldest, mailboxes, taskGroups] = await Promise.all([
        deps.queries.statsCounts(window),
        deps.queries.oldestQueued(scope),
        deps.mailboxes.list(),
        deps.taskGroupNames(),
      ]);
      const buckets = fillBuckets(window, counts);
      return {
        bucket: window.bucket,
        timeZone: 'UTC',
        from: window.from.toISOString(),
        to: window.to.toISOString(),
        buckets,
        totals: totalsOf(buckets),
        oldestQueued: oldest ? { id: oldest.documentId, subject: oldest.subject, createdAt: oldest.createdAt, waitingReason: oldest.waitingReason } : null,
        mailboxes: mailboxes.filter((m) => m.direction === 'out').map((m) => mailboxAtAGlance(m, now)),
        taskGroups,
      };
    },
  };
}

export type StatsReport = ReturnType<typeof createStatsReport>;
