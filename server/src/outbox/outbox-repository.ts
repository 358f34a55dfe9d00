/*
 * The only code that reads and writes outbox message rows. Enqueue (idempotent), claim due messages
 * with a lease (FOR UPDATE SKIP LOCKED on PostgreSQL and MySQL/MariaDB, a single claiming UPDATE on
 * SQLite, whose writes are serialised anyway), record outcomes, reclaim expired leases, and the queries
 * of the mail log. Knex is used for the claim (hot path, dialect-specific); the rest goes through
 * Strapi's query engine so JSON and dates are converted per database.
 */
import type { Core } from '@strapi/strapi';
import { randomUUID } from 'node:crypto';
import type { AttemptRecord } from '../core/delivery/attempt-outcome';

export type { AttemptRecord };

export const MESSAGE_UID = 'plugin::email-notifications.message';

export type MessageStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'cancelled';


export interface MessageRow {
  id: number;
  documentId: string;
  status: MessageStatus;
  fromAddress: string | null;
  fromName: string | null;
  replyTo: string | null;
  to: { name?: string; address: string }[];
  cc: { name?: string; address: string }[] | null;
  bcc: { name?: string; address: string }[] | null;
  /** Lower-cased addresses of to, cc and bcc, for searching the mail log. */
  recipientsText: string;
  subject: string | null;
  html: string | null;
  text: string | null;
  headers: Record<string, string> | null;
  encoding: string | null;
  requestedMailbox: string | null;
  taskGroup: string | null;
  mailboxId: string | null;
  mailboxName: string | null;
  attempts: number;
  retryableFailures: number;
  attemptLog: AttemptRecord[] | null;
  nextAttemptAt: string | null;
  leaseOwner: string | null;
  leaseExpiresAt: string | null;
  waitingReason: string | null;
  lastError: string | null;
  lastErrorCode: string | null;
  messageId: string | null;
  serverResponse: string | null;
  rejectedRecipients: string[] | null;
  idempotencyKey: string | null;
  originType: string;
  origin: Record<string, unknown> | null;
  sizeBytes: number;
  secretsMasked: boolean;
  bodyPurgedAt: string | null;
  sentAt: string | null;
  failedAt: string | null;
  cancelledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type NewMessage = Omit<
  MessageRow,
  | 'id'
  | 'documentId'
  | 'status'
  | 'attempts'
  | 'retryableFailures'
  | 'attemptLog'
  | 'leaseOwner'
  | 'leaseExpiresAt'
  | 'lastError'
  | 'lastErrorCode'
  | 'serverResponse'
  | 'rejectedRecipients'
  | 'secretsMasked'
  | 'bodyPurgedAt'
  | 'sentAt'
  | 'failedAt'
  | 'cancelledAt'
  | 'createdAt'
  | 'updatedAt'
  | 'mailboxId'
  | 'mailboxName'
  | 'waitingReason'
>;

export function createOutboxRepository(strapi: Core.Strapi) {
  const query = () => strapi.db.query(MESSAGE_UID);
  const knex = () => strapi.db.connection;
  const meta = () => strapi.db.metadata.get(MESSAGE_UID) as unknown as { tableName: string; attributes: Record<string, { columnName?: string }> };
  const col = (attribute: string) => meta().attributes[attribute]?.columnName ?? attribute;
  const table = () => meta().tableName;
  const client = () => strapi.db.dialect.client as string;

  /** Inserts a message, or returns the existing one with the same idempotency key. */
  async function enqueue(message: NewMessage): Promise<{ row: MessageRow; created: boolean }> {
    if (message.idempotencyKey) {
      const existing = await findByIdempotencyKey(message.idempotencyKey);
      if (existing) return { row: existing, created: false };
    }
    try {
      const row = (await query().create({ data: { ...message, status: 'queued', attempts: 0, retryableFailures: 0, attemptLog: [] } })) as MessageRow;
      return { row, created: true };
    } catch (error) {
      // Two callers with the same key raced past the lookup: the unique index let one through.
      if (message.idempotencyKey) {
        const existing = await findByIdempotencyKey(message.idempotencyKey);
        if (existing) return { row: existing, created: false };
      }
      throw error;
    }
  }

  async function findByIdempotencyKey(key: string): Promise<MessageRow | null> {
    return (await query().findOne({ where: { idempotencyKey: key } })) as MessageRow | null;
  }

  /**
   * Claims up to `limit` due queued messages for `owner` until `now + leaseMs`. Returns the claimed rows.
   * A row is claimed by exactly one instance: other instances skip locked rows (PG/MySQL) or wait for
   * SQLite's write lock and then see the rows as no longer queued.
   */
  async function claimDue(owner: string, limit: number, now: Date, leaseMs: number): Promise<MessageRow[]> {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const token = `${owner}:${randomUUID()}`;
    const k = knex();
    const dueWhere = (qb: any) => qb.where(col('status'), 'queued').andWhere(col('nextAttemptAt'), '<=', now);
    const claimSet = { [col('status')]: 'sending', [col('leaseOwner')]: token, [col('leaseExpiresAt')]: leaseUntil };

    if (client() === 'sqlite') {
      await k(table())
        .update(claimSet)
        .whereIn('id', dueWhere(k(table()).select('id')).orderBy(col('nextAttemptAt'), 'asc').orderBy('id', 'asc').limit(limit));
    } else {
      await k.transaction(async (trx: any) => {
        const ids: { id: number }[] = await dueWhere(trx(table()).select('id'))
          .orderBy(col('nextAttemptAt'), 'asc')
          .orderBy('id', 'asc')
          .limit(limit)
          .forUpdate()
          .skipLocked();
        if (ids.length) await trx(table()).update(claimSet).whereIn('id', ids.map((r) => r.id));
      });
    }
    const rows = (await query().findMany({ where: { leaseOwner: token, status: 'sending' }, orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }] })) as MessageRow[];
    return rows;
  }

  /** Puts messages whose lease expired (their instance died mid-send) back in the queue. */
  async function reclaimExpiredLeases(now: Date): Promise<number> {
    const expired = (await query().findMany({
      where: { status: 'sending', leaseExpiresAt: { $lt: now } },
      select: ['id', 'leaseOwner', 'attemptLog'],
      limit: 1000,
    })) as Pick<MessageRow, 'id' | 'leaseOwner' | 'attemptLog'>[];
    let reclaimed = 0;
    for (const row of expired) {
      const note: AttemptRecord = {
        at: now.toISOString(),
        mailboxId: null,
        mailboxName: null,
        outcome: 'lease-expired',
        note: 'The instance sending this message stopped before reporting a result; it will be sent again.',
      };
      // Compare-and-set on the lease owner: only one instance reclaims a given lease.
      const count = await knex()(table())
        .update({
          [col('status')]: 'queued',
          [col('leaseOwner')]: null,
          [col('leaseExpiresAt')]: null,
          [col('nextAttemptAt')]: now,
          [col('attemptLog')]: JSON.stringify([...(row.attemptLog ?? []), note]),
        })
        .where({ id: row.id, [col('status')]: 'sending', [col('leaseOwner')]: row.leaseOwner });
      reclaimed += Number(count) || 0;
    }
    return reclaimed;
  }

  /**
   * Applies attempt outcomes in one transaction. Each update is guarded by the lease owner, so a
   * message whose lease was meanwhile reclaimed by another instance is not overwritten.
   */
  async function applyOutcomes(outcomes: { row: MessageRow; data: Partial<MessageRow> }[]): Promise<number> {
    if (!outcomes.length) return 0;
    let applied = 0;
    await strapi.db.transaction(async () => {
      for (const { row, data } of outcomes) {
        const result = await query().updateMany({ where: { id: row.id, leaseOwner: row.leaseOwner, status: 'sending' }, data });
        applied += Number((result as { count?: number }).count ?? 0);
      }
    });
    return applied;
  }

  return {
    enqueue,
    claimDue,
    reclaimExpiredLeases,
    applyOutcomes,
    findByIdempotencyKey,
    findOne: async (documentId: string) => (await query().findOne({ where: { documentId } })) as MessageRow | null,
    update: (id: number, data: Partial<MessageRow>) => query().update({ where: { id }, data }),
    delete: (id: number) => query().delete({ where: { id } }),
    findPage: async (where: Record<string, unknown>, page: number, pageSize: number, orderBy: Record<string, 'asc' | 'desc'>[]) => {
      const [rows, total] = await Promise.all([
        query().findMany({ where, offset: (page - 1) * pageSize, limit: pageSize, orderBy }),
        query().count({ where }),
      ]);
      return { rows: rows as MessageRow[], total: Number(total) };
    },
    countByStatus: async () => {
      const rows: { status: string; count: string | number }[] = await knex()(table()).select(`${col('status')} as status`).count('* as count').groupBy(col('status'));
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)])) as Partial<Record<MessageStatus, number>>;
    },
    oldestQueued: async () =>
      (await query().findOne({ where: { status: 'queued' }, orderBy: [{ createdAt: 'asc' }], select: ['createdAt', 'waitingReason'] })) as Pick<
        MessageRow,
        'createdAt' | 'waitingReason'
      > | null,
    query,
    knex,
    table,
    col,
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
