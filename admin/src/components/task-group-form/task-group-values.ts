/*
 * The task group form's state, its translation to request bodies and the list moves of the mailbox
 * order. Pure: no React, no HTTP. The server stays the only validator.
 */
import type { Fallback, Strategy, TaskGroup, TaskGroupBody } from '../../api/task-group-types';

export interface TaskGroupFormValues {
  name: string;
  description: string;
  strategy: Strategy;
  /** Mailbox ids in order of use. */
  mailboxes: string[];
  fallback: Fallback;
}

/** Same defaults as the server applies on create, so a new form shows what will be stored. */
export const NEW_TASK_GROUP: TaskGroupFormValues = { name: '', description: '', strategy: 'failover', mailboxes: [], fallback: 'default' };

export const toFormValues = ({ name, description, strategy, mailboxes, fallback }: TaskGroup): TaskGroupFormValues => ({
  name,
  description,
  strategy,
  mailboxes: [...mailboxes],
  fallback,
});

/** POST and PUT send every field: a PUT of the whole form is the simplest correct update. */
export const toRequestBody = (values: TaskGroupFormValues): TaskGroupBody => ({ ...values, mailboxes: [...values.mailboxes] });

/** `list` with the item at `index` moved by `offset` places (clamped to the list). */
export function moveItem<T>(list: readonly T[], index: number, offset: number): T[] {
  const target = Math.min(list.length - 1, Math.max(0, index + offset));
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(target, 0, item as T);
  return next;
}
