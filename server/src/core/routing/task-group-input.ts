/*
 * A task group as an admin sends it. Pure zod; the service checks that the mailboxes exist.
 */
import { z } from 'zod';
import { STRATEGIES } from './strategies';

export const taskGroupFieldsSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lower-case letters, digits, ".", "_" or "-" (it is used in code: send({ taskGroup: "rma" }))'),
    description: z.string().max(500),
    strategy: z.enum(STRATEGIES),
    /** Mailbox ids in order (the order matters for "failover"). */
    mailboxes: z
      .array(z.string().min(1).max(64))
      .min(1, 'needs at least one mailbox')
      .max(50)
      .refine((ids) => new Set(ids).size === ids.length, 'lists a mailbox twice'),
    fallback: z.enum(['default', 'wait']),
  })
  .strict();

export const taskGroupCreateSchema = taskGroupFieldsSchema.partial().required({ name: true, mailboxes: true }).strict();
export const taskGroupUpdateSchema = taskGroupFieldsSchema.partial().strict();
export type TaskGroupFields = z.infer<typeof taskGroupFieldsSchema>;
