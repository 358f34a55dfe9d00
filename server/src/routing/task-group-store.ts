/*
 * The only code that reads and writes task-group rows: named pools of mailboxes with a strategy
 * (rules and send() name them). CRUD with validation; the mailboxes listed must exist and send
 * (direction "out"). Changes are announced to `onChanged` (the outbox reloads its routing).
 */
import type { Core } from '@strapi/strapi';
import { ConflictError, InputError, NotFoundError } from '../core/errors';
import { parseInput } from '../core/parse-input';
import { taskGroupCreateSchema, taskGroupUpdateSchema, type TaskGroupFields } from '../core/routing/task-group-input';
import { TASK_GROUP_UID } from '../content-types/uids';
import type { MailboxStore } from '../mailboxes/mailbox-store';


export interface StoredTaskGroup extends TaskGroupFields {
  id: number;
  documentId: string;
  createdAt: string;
  updatedAt: string;
}

export function toTaskGroupDto(row: StoredTaskGroup) {
  return {
    id: row.documentId,
    name: row.name,
    description: row.description ?? '',
    strategy: row.strategy,
    mailboxes: row.mailboxes ?? [],
    fallback: row.fallback,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export interface TaskGroupStoreDeps {
  mailboxes: Pick<MailboxStore, 'describe'>;
  onChanged(): Promise<void>;
}

export function createTaskGroupStore(strapi: Core.Strapi, deps: TaskGroupStoreDeps) {
  const query = () => strapi.db.query(TASK_GROUP_UID);
  const changed = () => deps.onChanged();

  async function findRow(id: string): Promise<StoredTaskGroup> {
    const row = (await query().findOne({ where: { documentId: id } })) as StoredTaskGroup | null;
    if (!row) throw new NotFoundError('Task group', id);
    return row;
  }

  async function checkMailboxes(ids: string[] | undefined) {
    if (!ids) return;
    const found = await deps.mailboxes.describe(ids);
    const problems = ids.flatMap((id, index) => {
      const mailbox = found.find((m) => m.documentId === id);
      if (!mailbox) return [{ path: `mailboxes.${index}`, message: `mailbox "${id}" does not exist` }];
      if (mailbox.direction !== 'out') return [{ path: `mailboxes.${index}`, message: `mailbox "${mailbox.name}" does not send (direction "in")` }];
      return [];
    });
    if (problems.length) throw new InputError(problems);
  }

  async function assertNameFree(name: string, exceptId?: number) {
    const clash = (await query().findOne({ where: { name } })) as StoredTaskGroup | null;
    if (clash && clash.id !== exceptId) throw new ConflictError([{ path: 'name', message: `a task group named "${name}" already exists` }]);
  }

  return {
    async list() {
      return ((await query().findMany({ orderBy: [{ name: 'asc' }] })) as StoredTaskGroup[]).map(toTaskGroupDto);
    },
    async findOne(id: string) {
      return toTaskGroupDto(await findRow(id));
    },
    async create(body: unknown) {
      const input = parseInput(taskGroupCreateSchema, body);
      await checkMailboxes(input.mailboxes);
      await assertNameFree(input.name);
      const row = (await query().create({ data: { description: '', strategy: 'failover', fallback: 'default', ...input } })) as StoredTaskGroup;
      await changed();
      return toTaskGroupDto(row);
    },
    async update(id: string, body: unknown) {
      const input = parseInput(taskGroupUpdateSchema, body);
      const row = await findRow(id);
      await checkMailboxes(input.mailboxes);
      if (input.name) await assertNameFree(input.name, row.id);
      await query().update({ where: { id: row.id }, data: input });
      await changed();
      return toTaskGroupDto(await findRow(id));
    },
    async remove(id: string) {
      const row = await findRow(id);
      await query().delete({ where: { id: row.id } });
      await changed();
    },
    /** Every task group, for the delivery worker's routing. */
    async loadForRouting(): Promise<StoredTaskGroup[]> {
      return (await query().findMany({})) as StoredTaskGroup[];
    },
    exists: async (name: string) => !!(await query().findOne({ where: { name }, select: ['id'] })),
    /** A deleted mailbox leaves the groups that listed it (a group may end up empty: it then uses its fallback). */
    async removeMailbox(documentId: string) {
      const groups = (await query().findMany({ select: ['id', 'mailboxes'] })) as Pick<StoredTaskGroup, 'id' | 'mailboxes'>[];
      for (const group of groups) {
        if (!group.mailboxes?.includes(documentId)) continue;
        await query().update({ where: { id: group.id }, data: { mailboxes: group.mailboxes.filter((id) => id !== documentId) } });
      }
    },
  };
}

export type TaskGroupStore = ReturnType<typeof createTaskGroupStore>;
