/*
 * Query parameters of the mail log (GET /messages): validated and turned into a where-clause.
 * Pure. Tabs: sent = "sent"; outbox = "queued,sending"; failed = "failed,cancelled".
 */
import { z } from 'zod';
import { MESSAGE_STATUSES } from './message-lifecycle';

export const dateParam = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), 'must be a date like 2026-11-25 or 2026-11-25T08:00:00Z')
  .transform((v) => new Date(v));

export const mailLogQuerySchema = z
  .object({
    status: z
      .string()
      .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(z.enum(MESSAGE_STATUSES)).min(1))
      .optional(),
    mailbox: z.string().max(100).optional(),
    recipient: z.string().max(320).optional(),
    origin: z.enum(['api', 'rule', 'event', 'strapi-email', 'test', 'smtp-event']).optional(),
    since: dateParam.optional(),
    until: dateParam.optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();

export type MailLogQuery = z.infer<typeof mailLogQuerySchema>;

export function mailLogWhere(query: MailLogQuery): Record<string, unknown> {
  const where: Record<string, unknown>[] = [];
  if (query.status) where.push({ status: { $in: query.status } });
  if (query.mailbox) where.push({ $or: [{ mailboxId: query.mailbox }, { mailboxName: query.mailbox }] });
  if (query.recipient) where.push({ recipientsText: { $containsi: query.recipient.toLowerCase() } });
  if (query.origin) where.push({ originType: query.origin });
  if (query.since) where.push({ createdAt: { $gte: query.since } });
  if (query.until) where.push({ createdAt: { $lte: query.until } });
  return where.length ? { $and: where } : {};
}
