/*
 * The mail log an admin uses: list and read messages, send a failed one again, cancel a queued one,
 * delete. Whether a change is allowed is the message lifecycle's decision; the message repository
 * writes it, guarded, so a message a worker claimed meanwhile is never changed under its feet.
 */
import { mailLogQuerySchema, mailLogWhere } from '../core/outbox/mail-log-query';
import { ConflictError, NotFoundError } from '../core/errors';
import { adminCancelRefusal, adminRetryRefusal, CANCEL_TOO_LATE, DELETE_WHILE_SENDING, deleteRefusal } from '../core/outbox/message-lifecycle';
import { parseInput } from '../core/parse-input';
import type { AttemptRecord } from '../core/delivery/attempt-outcome';
import { toMessageDetail, toMessageSummary } from './message-dto';
import type { MessageQueries } from './message-queries';
import type { MessageRepository } from './message-repository';
import type { MessageRow } from './message-row';

export interface MessageAdminDeps {
  queries: MessageQueries;
  repository: MessageRepository;
  /** A message was queued again: the worker of this instance looks at once. */
  wake(): void;
}

const logEntry = (note: string, now: Date): AttemptRecord => ({ at: now.toISOString(), mailboxId: null, mailboxName: null, outcome: 'waiting', note });

export function createMessageAdmin({ queries, repository, wake }: MessageAdminDeps) {
  async function find(id: string): Promise<MessageRow> {
    const row = await queries.findOne(id);
    if (!row) throw new NotFoundError('Message', id);
    return row;
  }

  return {
    async list(rawQuery: unknown) {
      const query = parseInput(mailLogQuerySchema, rawQuery);
      const { rows, total } = await queries.findPage(mailLogWhere(query), query.page, query.pageSize, [{ createdAt: 'desc' }, { id: 'desc' }]);
      return {
        results: rows.map(toMessageSummary),
        pagination: { page: query.page, pageSize: query.pageSize, total, pageCount: Math.ceil(total / query.pageSize) },
      };
    },
    findOne: async (id: string) => toMessageDetail(await find(id)),

    /** Failed or cancelled -> queued now, with a fresh set of attempts. */
    async retry(id: string, adminEmail?: string) {
      const row = await find(id);
      const refusal = adminRetryRefusal(row);
      if (refusal) throw new ConflictError([refusal]);
      const now = new Date();
      if (!(await repository.retryByAdmin(row, logEntry(`Queued again by ${adminEmail ?? 'an admin'}.`, now), now))) {
        throw new ConflictError([adminRetryRefusal(await find(id)) ?? { path: 'status', message: 'the message changed meanwhile; reload it' }]);
      }
      wake();
      return toMessageDetail(await find(id));
    },

    async cancel(id: string, adminEmail?: string) {
      const row = await find(id);
      const refusal = adminCancelRefusal(row);
      if (refusal) throw new ConflictError([refusal]);
      const now = new Date();
      if (!(await repository.cancelByAdmin(row, logEntry(`Cancelled by ${adminEmail ?? 'an admin'}.`, now), now))) throw new ConflictError([CANCEL_TOO_LATE]);
      return toMessageDetail(await find(id));
    },

    async remove(id: string) {
      const row = await find(id);
      const refusal = deleteRefusal(row);
      if (refusal) throw new ConflictError([refusal]);
      // The delete is guarded on the status too: a worker may have claimed the message since it was read.
      if (!(await repository.remove(row.id))) throw new ConflictError([DELETE_WHILE_SENDING]);
    },
  };
}

export type MessageAdmin = ReturnType<typeof createMessageAdmin>;
