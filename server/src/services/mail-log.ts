/*
 * The mail log an admin uses: list and read messages, retry a failed one, cancel a queued one, delete,
 * and the outbox health (counts, oldest queued, workers, failing mailboxes, and what looks stuck).
 */
import type { Core } from '@strapi/strapi';
import { fireStore } from '../rules/fire-store';
import { mailLogQuerySchema, mailLogWhere } from '../core/delivery/mail-log-query';
import { ConflictError, NotFoundError } from '../core/errors';
import { parseInput } from '../core/parse-input';
import { toMessageDetail, toMessageSummary } from '../outbox/message-dto';
import type { MessageRow, OutboxRepository } from '../outbox/outbox-repository';
import { outboxHealth } from '../core/outbox/outbox-health';
import { getPluginConfig, PLUGIN_ID } from '../config/plugin-config';
import { MAILBOX_UID, RULE_UID, WORKER_UID } from '../content-types/uids';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const outbox = () => strapi.plugin(PLUGIN_ID).service('outbox');
  const repo = (): OutboxRepository => outbox().repository();

  async function find(id: string): Promise<MessageRow> {
    const row = await repo().findOne(id);
    if (!row) throw new NotFoundError('Message', id);
    return row;
  }

  const logEntry = (note: string) => ({ at: new Date().toISOString(), mailboxId: null, mailboxName: null, outcome: 'waiting' as const, note });

  return {
    async list(rawQuery: unknown) {
      const query = parseInput(mailLogQuerySchema, rawQuery);
      const { rows, total } = await repo().findPage(mailLogWhere(query), query.page, query.pageSize, [{ createdAt: 'desc' }, { id: 'desc' }]);
      return {
        results: rows.map(toMessageSummary),
        pagination: { page: query.page, pageSize: query.pageSize, total, pageCount: Math.ceil(total / query.pageSize) },
      };
    },

    async findOne(id: string) {
      return toMessageDetail(await find(id));
    },

    /** Failed or cancelled -> queued now, with a fresh set of attempts. */
    async retry(id: string, adminEmail?: string) {
      const row = await find(id);
      if (row.status !== 'failed' && row.status !== 'cancelled') {
        throw new ConflictError([{ path: 'status', message: `only failed or cancelled messages can be retried; this one is ${row.status}` }]);
      }
      if (row.bodyPurgedAt) {
        throw new ConflictError([{ path: 'bodyPurgedAt', message: 'the body of this message was deleted by the retention settings, so it cannot be sent again' }]);
      }
      if (row.secretsMasked) {
        throw new ConflictError([{ path: 'secretsMasked', message: 'this message contained secrets (links, tokens) that were masked after sending; sending the masked copy would be useless' }]);
      }
      await repo().update(row.id, {
        status: 'queued',
        nextAttemptAt: new Date().toISOString(),
        retryableFailures: 0,
        failedAt: null,
        cancelledAt: null,
        attemptLog: [...(row.attemptLog ?? []), logEntry(`Queued again by ${adminEmail ?? 'an admin'}.`)],
      });
      outbox().wake();
      return toMessageDetail(await find(id));
    },

    async cancel(id: string, adminEmail?: string) {
      const row = await find(id);
      if (row.status !== 'queued') {
        throw new ConflictError([{ path: 'status', message: `only queued messages can be cancelled; this one is ${row.status}` }]);
      }
      // Guarded on the status, so a message claimed meanwhile by a worker is not cancelled under its feet.
      const result = await repo().query().updateMany({
        where: { id: row.id, status: 'queued' },
        data: { status: 'cancelled', cancelledAt: new Date(), attemptLog: [...(row.attemptLog ?? []), logEntry(`Cancelled by ${adminEmail ?? 'an admin'}.`)] },
      });
      if (!Number((result as { count?: number }).count)) {
        throw new ConflictError([{ path: 'status', message: 'the message is being sent right now and can no longer be cancelled' }]);
      }
      return toMessageDetail(await find(id));
    },

    async remove(id: string) {
      const row = await find(id);
      if (row.status === 'sending') {
        throw new ConflictError([{ path: 'status', message: 'the message is being sent right now; delete it once it is sent or failed' }]);
      }
      await repo().delete(row.id);
    },

    async health() {
      const config = getPluginConfig(strapi);
      const now = Date.now();
      const [counts, oldest, workers, mailboxes] = await Promise.all([
        repo().countByStatus(),
        repo().oldestQueued(),
        strapi.db.query(WORKER_UID).findMany({ where: { stoppedAt: { $null: true } }, orderBy: [{ lastBeatAt: 'desc' }], limit: 50 }),
        strapi.db.query(MAILBOX_UID).findMany({ where: { direction: 'out', enabled: true } }),
      ]);
      const workerList = (workers as { instanceId: string; hostname: string; pid: number; startedAt: string; lastBeatAt: string; sentCount: number; failedCount: number }[]).map((w) => ({
        instanceId: w.instanceId,
        hostname: w.hostname,
        pid: w.pid,
        startedAt: w.startedAt,
        lastBeatAt: w.lastBeatAt,
        sentCount: w.sentCount,
        failedCount: w.failedCount,
      }));
      const oldestAgeSeconds = oldest ? Math.round((now - new Date(oldest.createdAt).getTime()) / 1000) : null;
      const stuckRuns = await fireStore(strapi).stuck(config.rules.stuckRunMinutes, new Date(now));
      const rules = stuckRuns.length
        ? ((await strapi.db.query(RULE_UID).findMany({ where: { documentId: { $in: stuckRuns.map((r) => r.rule) } }, select: ['documentId', 'name'] })) as { documentId: string; name: string }[])
        : [];
      const verdict = outboxHealth({
        counts,
        oldestQueued: oldestAgeSeconds === null ? null : { ageSeconds: oldestAgeSeconds, waitingReason: oldest?.waitingReason ?? null },
        workers: workerList,
        mailboxes: mailboxes as { name: string; circuitOpenUntil: string | null }[],
        stuckRuleRuns: [...new Set(stuckRuns.map((run) => rules.find((r) => r.documentId === run.rule)?.name ?? run.rule))],
        thresholds: { heartbeatIntervalMs: config.delivery.heartbeatIntervalMs, stuckAfterMinutes: config.delivery.stuckAfterMinutes, stuckRunMinutes: config.rules.stuckRunMinutes },
        now,
      });
      return {
        counts: { queued: counts.queued ?? 0, sending: counts.sending ?? 0, sent: counts.sent ?? 0, failed: counts.failed ?? 0, cancelled: counts.cancelled ?? 0 },
        oldestQueuedAt: oldest?.createdAt ?? null,
        oldestQueuedAgeSeconds: oldestAgeSeconds,
        workers: verdict.workers,
        failingMailboxes: verdict.failingMailboxes,
        problems: verdict.problems,
      };
    },
  };
};
