/*
 * The only code that writes outbox message rows. Each change of status is one named transition of the
 * message lifecycle (core/outbox/message-lifecycle), guarded in its WHERE on the states it starts from,
 * so a row changed meanwhile by another instance or an admin is never overwritten; the one other write
 * to a leased row renews its lease. Claims lock with FOR UPDATE SKIP LOCKED on PostgreSQL and
 * MySQL/MariaDB and are one claiming UPDATE on SQLite.
 */
import type { Core } from '@strapi/strapi';
import { randomBytes, randomUUID } from 'node:crypto';
import { leaseOwner, MESSAGE_TRANSITIONS, transitionPatch, transitionSources, type TransitionName } from '../core/outbox/message-lifecycle';
import { updateLeasedRows, type RowUpdate } from './batched-update';
import type { AttemptRecord, MessagePatch, MessageRow, NewMessage } from './message-row';
import { messageTable } from './message-table';

export interface Enqueued {
  row: MessageRow;
  created: boolean;
}

/** The result of one attempt, to be written if the row is still leased by the same owner. */
export interface AttemptWrite {
  row: Pick<MessageRow, 'id' | 'leaseOwner'>;
  transition: TransitionName;
  patch: MessagePatch;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A document id in Strapi's format (24 lower-case letters and digits, starting with a letter). */
function newDocumentId(): string {
  const bytes = randomBytes(24);
  let id = ALPHABET[bytes[0]! % 26]!;
  for (let i = 1; i < 24; i += 1) id += ALPHABET[bytes[i]! % 36];
  return id;
}

const fresh = { attempts: 0, retryableFailures: 0, attemptLog: [] as AttemptRecord[], secretsMasked: false };
/** Rows per insert statement: under SQLite's limit of 500 rows in one compound insert. */
const ENQUEUE_CHUNK = 250;
/** Rows per batched result write: few statements, and well under every database's limit of parameters. */
const WRITE_BATCH = 100;

export function createMessageRepository(strapi: Core.Strapi) {
  const table = messageTable(strapi);
  const query = table.query;
  const findByKey = async (key: string) => (await query().findOne({ where: { idempotencyKey: key } })) as MessageRow | null;

  /** Inserts a row for a new message, or returns the one with the same idempotency key. */
  async function insertOnce(message: NewMessage, transition: 'enqueue' | 'recordSuppressed', extra: MessagePatch = {}): Promise<Enqueued> {
    if (message.idempotencyKey) {
      const existing = await findByKey(message.idempotencyKey);
      if (existing) return { row: existing, created: false };
    }
    try {
      const data = { ...message, ...fresh, ...extra, ...transitionPatch(transition, new Date()) };
      return { row: (await query().create({ data })) as MessageRow, created: true };
    } catch (error) {
      // Two callers with the same key raced past the lookup: the unique index let one through.
      const existing = message.idempotencyKey ? await findByKey(message.idempotencyKey) : null;
      if (existing) return { row: existing, created: false };
      throw error;
    }
  }

  /**
   * Inserts many messages with one bulk insert. Messages whose idempotency key already exists (or
   * repeats inside the list) are not inserted; the earlier message is returned for them. If a
   * concurrent insert takes a key meanwhile, the bulk insert fails whole and rows go in one by one.
   */
  async function enqueueMany(messages: NewMessage[]): Promise<Enqueued[]> {
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
    const now = new Date();
    const status = transitionPatch('enqueue', now);
    try {
      // Straight to knex: the rows are complete here, and the query engine's per-row processing would cost more than the insert.
      if (toInsert.length) await table.knex().batchInsert(table.name(), toInsert.map((m, i) => table.toInsertColumns({ ...m, documentId: documentIds[i]!, ...fresh, ...status }, now)), ENQUEUE_CHUNK);
    } catch (error) {
      if (!keys.length) throw error;
      const results: Enqueued[] = [];
      for (const message of messages) results.push(await insertOnce(message, 'enqueue'));
      return results;
    }
    return pairInserted(messages, existing, await rowsByDocumentId(documentIds));
  }

  async function rowsByDocumentId(documentIds: string[]): Promise<MessageRow[]> {
    const created = new Map<string, MessageRow>();
    for (let i = 0; i < documentIds.length; i += 500) {
      const rows = (await query().findMany({ where: { documentId: { $in: documentIds.slice(i, i + 500) } }, select: ['id', 'documentId', 'status'] })) as MessageRow[];
      for (const row of rows) created.set(row.documentId, row);
    }
    return documentIds.map((id) => created.get(id)!);
  }

  /** Answers each input message with its inserted row, or the earlier row with the same key. */
  function pairInserted(messages: NewMessage[], existing: Map<string, MessageRow>, inserted: MessageRow[]): Enqueued[] {
    let next = 0;
    const firstOfKey = new Map<string, MessageRow>();
    return messages.map((message) => {
      const key = message.idempotencyKey;
      if (key && existing.has(key)) return { row: existing.get(key)!, created: false };
      if (key && firstOfKey.has(key)) return { row: firstOfKey.get(key)!, created: false };
      const row = inserted[next++]!;
      if (key) firstOfKey.set(key, row);
      return { row, created: true };
    });
  }

  /**
   * `claim`: up to `limit` due queued messages for `instanceId` until `now + leaseMs`. Other instances skip
   * locked rows (PostgreSQL, MySQL) or wait for SQLite's write lock and then see them no longer queued.
   */
  async function claimDue(instanceId: string, limit: number, now: Date, leaseMs: number): Promise<MessageRow[]> {
    const token = leaseOwner(instanceId, randomUUID());
    const k = table.knex();
    const due = (qb: any) => qb.whereIn(table.col('status'), transitionSources('claim')).andWhere(table.col('nextAttemptAt'), '<=', now);
    const ordered = (qb: any) => due(qb).orderBy(table.col('nextAttemptAt'), 'asc').orderBy('id', 'asc').limit(limit);
    const claim = table.toColumns({ ...transitionPatch('claim', now), leaseOwner: token, leaseExpiresAt: new Date(now.getTime() + leaseMs) }, now);
    const queued = transitionSources('claim');
    if (table.isSqlite()) {
      await table.statusIn(k(table.name()).whereIn('id', ordered(k(table.name()).select('id'))), queued).update(claim);
    } else if (table.isPostgres()) {
      // One statement (no transaction round trips): the locked sub-select skips rows other instances are claiming.
      await table.statusIn(k(table.name()).whereIn('id', ordered(k(table.name()).select('id')).forUpdate().skipLocked()), queued).update(claim);
    } else {
      // MySQL/MariaDB cannot update a table it selects from in the same statement.
      await k.transaction(async (trx: any) => {
        const ids: { id: number }[] = await ordered(trx(table.name()).select('id')).forUpdate().skipLocked();
        if (ids.length) await trx(table.name()).update(claim).whereIn('id', ids.map((r) => r.id));
      });
    }
    return (await query().findMany({ where: { leaseOwner: token, status: MESSAGE_TRANSITIONS.claim.to }, orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }] })) as MessageRow[];
  }

  /**
   * Writes attempt results in one transaction, each guarded by its lease owner and the transition's
   * source states. This is the hottest write (one row per message), so results with the same
   * transition and fields go out as one UPDATE per WRITE_BATCH rows, straight through knex.
   */
  async function recordAttempts(writes: AttemptWrite[], now = new Date()): Promise<number> {
    if (!writes.length) return 0;
    const groups = new Map<string, { transition: TransitionName; rows: RowUpdate[] }>();
    for (const { row, transition, patch } of writes) {
      const columns = table.toColumns({ ...patch, status: MESSAGE_TRANSITIONS[transition].to }, now);
      const key = `${transition}:${Object.keys(columns).sort().join(',')}`;
      const group = groups.get(key) ?? { transition, rows: [] };
      group.rows.push({ id: row.id, leaseOwner: row.leaseOwner, columns });
      groups.set(key, group);
    }
    let applied = 0;
    await table.knex().transaction(async (trx: any) => {
      for (const { transition, rows } of groups.values()) {
        for (let i = 0; i < rows.length; i += WRITE_BATCH) applied += await updateLeasedRows(trx, table, rows.slice(i, i + WRITE_BATCH), transitionSources(transition));
      }
    });
    return applied;
  }

  /** `release`: leased messages back to the queue in their place (due as before), with a note in their history when given. */
  async function release(rows: Pick<MessageRow, 'id' | 'leaseOwner' | 'attemptLog'>[], now: Date, note?: AttemptRecord): Promise<number> {
    let released = 0;
    for (const row of rows) {
      const patch: MessagePatch = { ...transitionPatch('release', now), ...(note ? { attemptLog: [...(row.attemptLog ?? []), note] } : {}) };
      const count = await table
        .knex()(table.name())
        .where({ id: row.id, [table.col('leaseOwner')]: row.leaseOwner })
        .whereIn(table.col('status'), transitionSources('release'))
        .update(table.toColumns(patch, now));
      released += Number(count) || 0;
    }
    return released;
  }

  /**
   * Extends the leases of messages this instance still works on (in flight or with a result not yet
   * written) to `now + leaseMs`. Only leaseExpiresAt changes, and only on rows still sending under the
   * lease owners given, so a message another instance took over meanwhile is left alone.
   */
  async function renewLeases(held: Pick<MessageRow, 'id' | 'leaseOwner'>[], now: Date, leaseMs: number): Promise<number> {
    let renewed = 0;
    for (let i = 0; i < held.length; i += 500) {
      const rows = held.slice(i, i + 500);
      const owners = [...new Set(rows.map((r) => r.leaseOwner).filter((o): o is string => !!o))];
      const count = await table
        .knex()(table.name())
        .whereIn('id', rows.map((r) => r.id))
        .whereIn(table.col('leaseOwner'), owners)
        .where(table.col('status'), MESSAGE_TRANSITIONS.claim.to)
        .update({ [table.col('leaseExpiresAt')]: new Date(now.getTime() + leaseMs) });
      renewed += Number(count) || 0;
    }
    return renewed;
  }

  /** `release` of leased rows matching `where` (a page of them), with why in their history. */
  async function reclaim(where: Record<string, unknown>, now: Date, why: string): Promise<number> {
    const rows = (await query().findMany({
      where: { status: { $in: transitionSources('release') }, ...where },
      select: ['id', 'leaseOwner', 'attemptLog'],
      limit: 1000,
    })) as Pick<MessageRow, 'id' | 'leaseOwner' | 'attemptLog'>[];
    const note: AttemptRecord = { at: now.toISOString(), mailboxId: null, mailboxName: null, outcome: 'lease-expired', note: `${why}; it will be sent again.` };
    return release(rows, now, note);
  }

  /** An admin's transition (retry or cancel), guarded on its source states; false when the row moved on. */
  async function adminTransition(row: MessageRow, transition: 'retryByAdmin' | 'cancelByAdmin', note: AttemptRecord, now: Date): Promise<boolean> {
    const result = await query().updateMany({
      where: { id: row.id, status: { $in: transitionSources(transition) } },
      data: { ...transitionPatch(transition, now), attemptLog: [...(row.attemptLog ?? []), note] },
    });
    return Number((result as { count?: number }).count) > 0;
  }

  return {
    enqueue: (message: NewMessage) => insertOnce(message, 'enqueue'),
    enqueueMany,
    /** `recordSuppressed`: a message nobody may receive, kept in the mail log with the reason. */
    recordSuppressed: (message: NewMessage, reason: string) => insertOnce(message, 'recordSuppressed', { lastError: reason }),
    claimDue,
    recordAttempts,
    release,
    renewLeases,
    /** `release` of messages whose lease expired: their instance stopped renewing before reporting a result. */
    reclaimExpiredLeases: (now: Date) => reclaim({ leaseExpiresAt: { $lt: now } }, now, 'The instance sending this message stopped before reporting a result'),
    /** `release` of the messages held by an instance that is gone (`explanation` says how it is known). */
    reclaimLeasesOf: (instanceId: string, explanation: string, now: Date) =>
      reclaim({ leaseOwner: { $startsWith: leaseOwner(instanceId, '') } }, now, `The instance sending this message (${instanceId}) is gone: ${explanation}`),
    retryByAdmin: (row: MessageRow, note: AttemptRecord, now: Date) => adminTransition(row, 'retryByAdmin', note, now),
    cancelByAdmin: (row: MessageRow, note: AttemptRecord, now: Date) => adminTransition(row, 'cancelByAdmin', note, now),
    /** Deletes a message that is not being sent; false when it is (or is gone). */
    async remove(id: number): Promise<boolean> {
      const result = await query().deleteMany({ where: { id, status: { $ne: MESSAGE_TRANSITIONS.claim.to } } });
      return Number((result as { count?: number }).count) > 0;
    },
    /** Messages waiting for a usable mailbox try again now (a mailbox was added or changed). */
    async wakeWaiting(now: Date): Promise<void> {
      await query().updateMany({ where: { status: 'queued', waitingReason: { $notNull: true } }, data: { nextAttemptAt: now } });
    },
    /** Retention: drops the bodies of finished messages, keeping their metadata. */
    async purgeBodies(ids: number[], now: Date): Promise<number> {
      if (!ids.length) return 0;
      const result = await query().updateMany({ where: { id: { $in: ids } }, data: { html: null, text: null, bodyPurgedAt: now } });
      return Number((result as { count?: number }).count ?? 0);
    },
    /** Retention: deletes failed and cancelled messages that ended before `cutoff`. */
    async deleteEndedBefore(cutoff: Date): Promise<number> {
      const result = await query().deleteMany({ where: { $or: [{ status: 'failed', failedAt: { $lt: cutoff } }, { status: 'cancelled', cancelledAt: { $lt: cutoff } }] } });
      return Number((result as { count?: number }).count ?? 0);
    },
  };
}

export type MessageRepository = ReturnType<typeof createMessageRepository>;
