/*
 * Reads of outbox message rows: one message, mail log pages, counts per status, what each mailbox
 * sent (for its limits), the instances holding leases, the candidates of the retention rules, and the
 * grouped counts of the Overview's charts. Never writes: the message repository is the only writer.
 */
import type { Core } from '@strapi/strapi';
import type { BucketCount, StatsWindow } from '../core/outbox/stats-query';
import { FINISHED_STATUSES, leaseHolder, MESSAGE_TRANSITIONS, type MessageStatus } from '../core/outbox/message-lifecycle';
import type { MessageRow } from './message-row';
import { messageTable } from './message-table';
import { bucketIndexSql, sqlClientOf } from './stats-sql';

type Order = Record<string, 'asc' | 'desc'>[];

/** The error code of a message refused for its envelope (the recipients): a bounce in the stats. */
const BOUNCE_CODE = 'EENVELOPE';
/** Messages still waiting: queued, or being sent right now. */
const WAITING = [MESSAGE_TRANSITIONS.enqueue.to, MESSAGE_TRANSITIONS.claim.to];

const WITH_BODY = { status: { $in: [...FINISHED_STATUSES] }, bodyPurgedAt: { $null: true } };

export function createMessageQueries(strapi: Core.Strapi) {
  const table = messageTable(strapi);
  const query = table.query;

  return {
    findOne: async (documentId: string) => (await query().findOne({ where: { documentId } })) as MessageRow | null,
    async findPage(where: Record<string, unknown>, page: number, pageSize: number, orderBy: Order) {
      const [rows, total] = await Promise.all([query().findMany({ where, offset: (page - 1) * pageSize, limit: pageSize, orderBy }), query().count({ where })]);
      return { rows: rows as MessageRow[], total: Number(total) };
    },
    /** Messages sent per mailbox since `dayStart` and since `minuteStart`, for the sending limits. */
    async sentCountsByMailbox(dayStart: Date, minuteStart: Date): Promise<Map<string, { today: number; lastMinute: number }>> {
      const k = table.knex();
      const rows: { mailbox: string; today: string | number; minute: string | number }[] = await k(table.name())
        .select(`${table.col('mailboxId')} as mailbox`)
        .count('* as today')
        .sum({ minute: k.raw('CASE WHEN ?? >= ? THEN 1 ELSE 0 END', [table.col('sentAt'), minuteStart]) })
        .where(table.col('status'), 'sent')
        .andWhere(table.col('sentAt'), '>=', dayStart)
        .groupBy(table.col('mailboxId'));
      return new Map(rows.map((r) => [r.mailbox, { today: Number(r.today), lastMinute: Number(r.minute ?? 0) }]));
    },
    async countByStatus(): Promise<Partial<Record<MessageStatus, number>>> {
      const status = table.col('status');
      const rows: { status: MessageStatus; count: string | number }[] = await table.knex()(table.name()).select(`${status} as status`).count('* as count').groupBy(status);
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)]));
    },
    /** The instances holding the leases of messages being sent. */
    async leaseHolders(): Promise<string[]> {
      const owner = table.col('leaseOwner');
      const rows: { owner: string | null }[] = await table.knex()(table.name()).distinct(`${owner} as owner`).where(table.col('status'), MESSAGE_TRANSITIONS.claim.to);
      return [...new Set(rows.flatMap((r) => (r.owner ? [leaseHolder(r.owner)] : [])))];
    },
    oldestQueued: async (where: Record<string, unknown> = {}) =>
      (await query().findOne({ where: { ...where, status: 'queued' }, orderBy: [{ createdAt: 'asc' }], select: ['documentId', 'subject', 'createdAt', 'waitingReason'] })) as Pick<
        MessageRow,
        'documentId' | 'subject' | 'createdAt' | 'waitingReason'
      > | null,
    statsCounts: (window: StatsWindow) => statsCounts(table, window),

    /** Retention: finished messages that still have a body, created before `cutoff` (a page of ids). */
    async withBodyCreatedBefore(cutoff: Date, limit: number): Promise<number[]> {
      const rows = (await query().findMany({ where: { ...WITH_BODY, createdAt: { $lt: cutoff } }, select: ['id'], limit })) as { id: number }[];
      return rows.map((r) => r.id);
    },
    /** Retention: the oldest finished messages that still have a body, with their size. */
    async oldestWithBody(limit: number): Promise<{ id: number; sizeBytes: number }[]> {
      return (await query().findMany({ where: WITH_BODY, select: ['id', 'sizeBytes'], orderBy: [{ id: 'asc' }], limit })) as { id: number; sizeBytes: number }[];
    },
    countWithBody: async () => Number(await query().count({ where: WITH_BODY })),
    async bodyBytes(): Promise<number> {
      const [{ total }] = await table.knex()(table.name()).sum({ total: table.col('sizeBytes') }).whereIn(table.col('status'), [...FINISHED_STATUSES]).whereNull(table.col('bodyPurgedAt'));
      return Number(total ?? 0);
    },
  };
}

/**
 * The Overview's counts per bucket, grouped in the database (three index range scans, one row per
 * bucket back): sent by `sentAt`, failed and bounced by `failedAt`, waiting by `createdAt`.
 */
async function statsCounts(table: ReturnType<typeof messageTable>, window: StatsWindow): Promise<BucketCount[]> {
  const k = table.knex();
  const client = sqlClientOf(table.client());
  const grouped = (timeAttribute: string, statuses: string[]) => {
    const time = table.col(timeAttribute);
    const bucket = bucketIndexSql(client, time, window.from, window.bucketMs);
    const builder = k(table.name())
      .select(k.raw(`${bucket.sql} as bucket`, bucket.bindings))
      .count('* as n')
      .whereIn(table.col('status'), statuses)
      .andWhere(time, '>=', window.from)
      .andWhere(time, '<', window.to)
      .groupBy('bucket');
    // The mailbox (its id or name, as in the mail log) and task group filters.
    if (window.mailbox) builder.andWhere((q) => q.where(table.col('mailboxId'), window.mailbox).orWhere(table.col('mailboxName'), window.mailbox));
    if (window.taskGroup) builder.andWhere(table.col('taskGroup'), window.taskGroup);
    return builder;
  };
  type Grouped = { bucket: string | number; n: string | number; bounced?: string | number | null };
  const [sent, failed, waiting] = (await Promise.all([
    grouped('sentAt', ['sent']),
    grouped('failedAt', ['failed']).sum({ bounced: k.raw('CASE WHEN ?? = ? THEN 1 ELSE 0 END', [table.col('lastErrorCode'), BOUNCE_CODE]) }),
    grouped('createdAt', WAITING),
  ])) as Grouped[][];
  const of = (series: BucketCount['series'], rows: Grouped[], count: (row: Grouped) => number) => rows.map((row) => ({ series, index: Number(row.bucket), count: count(row) }));
  return [
    ...of('sent', sent!, (r) => Number(r.n)),
    ...of('failed', failed!, (r) => Number(r.n) - Number(r.bounced ?? 0)),
    ...of('bounced', failed!, (r) => Number(r.bounced ?? 0)),
    ...of('queued', waiting!, (r) => Number(r.n)),
  ];
}

export type MessageQueries = ReturnType<typeof createMessageQueries>;
