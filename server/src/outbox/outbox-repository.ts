/*
 * The only code that reads and writes outbox message rows. Enqueue (idempotent), claim due messages
 * with a lease (FOR UPDATE SKIP LOCKED on PostgreSQL and MySQL/MariaDB, a single claiming UPDATE on
 * SQLite, whose writes are serialised anyway), record outcomes, reclaim expired leases, and the queries
 * of the mail log. Knex is used for the claim (hot path, dialect-specific); the rest goes through
 * Strapi's query engine so JSON and dates are converted per database.
 */
import type { Core } from '@strapi/strapi';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AttemptRecord } from '../core/delivery/attempt-outcome';
import { MESSAGE_UID } from '../content-types/uids';

export type { AttemptRecord };


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
  recipientIp: string | null;
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
  /** Recipients the flood and loop guards removed before queueing, each with its reason. */
  suppressedRecipients: { address: string; reason: string }[] | null;
  attachments: { filename: string; contentType?: string; path?: string; href?: string; size?: number }[] | null;
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

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A document id in Strapi's format (24 lower-case letters and digits, starting with a letter). */
function newDocumentId(): string {
  const bytes = randomBytes(24);
  let id = ALPHABET[bytes[0]! % 26]!;
  for (let i = 1; i < 24; i += 1) id += ALPHABET[bytes[i]! % 36];
  return id;
}

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

  /** Records a message that will not be sent (every recipient was suppressed): cancelled at once, with the reason. */
  async function recordCancelled(message: NewMessage, reason: string): Promise<{ row: MessageRow; created: boolean }> {
    if (message.idempotencyKey) {
      const existing = await findByIdempotencyKey(message.idempotencyKey);
      if (existing) return { row: existing, created: false };
    }
    const now = new Date();
    const row = (await query().create({
      data: { ...message, status: 'cancelled', cancelledAt: now, lastError: reason, attempts: 0, retryableFailures: 0, attemptLog: [] },
    })) as MessageRow;
    return { row, created: true };
  }

  /**
   * Inserts many messages with one bulk insert (in batches). Messages whose idempotency key already
   * exists (or repeats inside the list) are not inserted; the earlier message is returned for them.
   * If a concurrent insert takes a key meanwhile, the bulk insert fails as a whole and the messages
   * are inserted one by one instead.
   */
  async function enqueueMany(messages: NewMessage[]): Promise<{ row: MessageRow; created: boolean }[]> {
    const keys = messages.map((m) => m.idempotencyKey).filter((k): k is string => !!k);
    const existing = new Map<string, MessageRow>();
    for (let i = 0; i < keys.length; i += 500) {
      const rows = (await query().findMany({ where: { idempotencyKey: { $in: keys.slice(i, i + 500) } } })) as MessageRow[];
      for (const row of rows) existing.set(row.idempotencyKey!, row);
    }
    const seen = new Set<string>();
    const toInsert = messages.filter((m) => {
      if (!m.idempotencyKey) return true;
      if (existing.has(m.idempotencyKey) || seen.has(m.idempotencyKey)) return false;
      seen.add(m.idempotencyKey);
      return true;
    });
    // Document ids are chosen here, not by the database: MySQL reports only the first id of a bulk insert.
    const documentIds = toInsert.map(() => newDocumentId());
    if (toInsert.length) {
      try {
        await query().createMany({
          data: toInsert.map((m, i) => ({ ...m, documentId: documentIds[i], status: 'queued', attempts: 0, retryableFailures: 0, attemptLog: [] })),
        });
      } catch (error) {
        if (!keys.length) throw error;
        const results: { row: MessageRow; created: boolean }[] = [];
        for (const message of messages) results.push(await enqueue(message));
        return results;
      }
    }
    const created = new Map<string, MessageRow>();
    for (let i = 0; i < documentIds.length; i += 500) {
      const rows = (await query().findMany({ where: { documentId: { $in: documentIds.slice(i, i + 500) } }, select: ['id', 'documentId', 'status'] })) as MessageRow[];
      for (const row of rows) created.set(row.documentId, row);
    }
    const insertedRows = documentIds.map((id) => created.get(id)!);
    let next = 0;
    const fresh = new Map<string, MessageRow>();
    return messages.map((message) => {
      const key = message.idempotencyKey;
      if (key && existing.has(key)) return { row: existing.get(key)!, created: false };
      if (key && fresh.has(key)) return { row: fresh.get(key)!, created: false };
      const row = insertedRows[next++]!;
      if (key) fresh.set(key, row);
      return { row, created: true };
    });
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
   * message whose lease was meanwhile reclaimed by another instance is not overwritten. This is the
   * hottest write path (one row per message), so it goes to knex directly with values already in
   * column form, skipping the query engine's per-call processing.
   */
  async function applyOutcomes(outcomes: { row: MessageRow; data: Partial<MessageRow> }[]): Promise<number> {
    if (!outcomes.length) return 0;
    let applied = 0;
    await knex().transaction(async (trx: any) => {
      for (const { row, data } of outcomes) {
        const count = await trx(table())
          .where({ id: row.id, [col('leaseOwner')]: row.leaseOwner, [col('status')]: 'sending' })
          .update(toColumns(data));
        applied += Number(count) || 0;
      }
    });
    return applied;
  }

  const JSON_ATTRIBUTES = new Set(['to', 'cc', 'bcc', 'headers', 'attemptLog', 'rejectedRecipients', 'suppressedRecipients', 'attachments', 'origin']);

  function toColumns(data: Partial<MessageRow>): Record<string, unknown> {
    const out: Record<string, unknown> = { [col('updatedAt')]: new Date() };
    for (const [key, value] of Object.entries(data)) {
      if (value === undefined) continue;
      out[col(key)] = JSON_ATTRIBUTES.has(key) && value !== null ? JSON.stringify(value) : typeof value === 'string' && DATE_ATTRIBUTES.has(key) ? new Date(value) : value;
    }
    return out;
  }

  const DATE_ATTRIBUTES = new Set(['nextAttemptAt', 'leaseExpiresAt', 'sentAt', 'failedAt', 'cancelledAt', 'bodyPurgedAt']);

  return {
    enqueue,
    enqueueMany,
    recordCancelled,
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
    /** Messages sent per mailbox since `dayStart` and since `minuteStart`, for the sending limits. */
    sentCountsByMailbox: async (dayStart: Date, minuteStart: Date) => {
      const rows: { mailbox: string; today: string | number; minute: string | number }[] = await knex()(table())
        .select(`${col('mailboxId')} as mailbox`)
        .count('* as today')
        .sum({ minute: knex().raw('CASE WHEN ?? >= ? THEN 1 ELSE 0 END', [col('sentAt'), minuteStart]) })
        .where(col('status'), 'sent')
        .andWhere(col('sentAt'), '>=', dayStart)
        .groupBy(col('mailboxId'));
      return new Map(rows.map((r) => [r.mailbox, { today: Number(r.today), lastMinute: Number(r.minute ?? 0) }]));
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
