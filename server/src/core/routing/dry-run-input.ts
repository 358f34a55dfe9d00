/*
 * The routing dry run's request (`POST routing/dry-run`) and the shape of its answer: which mailbox
 * would send a message to `to` now, and why, as the outbox would decide it. Pure: zod and data only.
 */
import { z } from 'zod';
import type { Selection } from './select-mailbox';

export const routeHintsSchema = z
  .object({
    taskGroup: z.string().trim().min(1).max(100).optional(),
    recipientIp: z.string().trim().ip({ message: 'must be an IPv4 or IPv6 address like 203.0.113.7' }).optional(),
  })
  .strict();

export const dryRunInputSchema = routeHintsSchema
  .extend({
    to: z.string().trim().max(320).refine((v) => !/[\r\n]/.test(v), 'must not contain line breaks').pipe(z.string().email()),
    /** A mailbox asked for by name or id, as a record's own mailbox or `send({ mailbox })` would. */
    mailbox: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

export type RouteHints = z.infer<typeof routeHintsSchema>;
export type DryRunInput = z.infer<typeof dryRunInputSchema>;

export interface RouteAnswer {
  /** Whether a mailbox can send now; otherwise the message would wait (never be dropped). */
  wouldSend: boolean;
  mailbox: { id: string; name: string } | null;
  reason: string;
  /** When no mailbox can send: when the outbox would look again. */
  retryAt: string | null;
}

export function routeAnswer(selection: Selection): RouteAnswer {
  if (selection.mailbox) return { wouldSend: true, mailbox: { id: selection.mailbox.id, name: selection.mailbox.name }, reason: selection.reason, retryAt: null };
  return { wouldSend: false, mailbox: null, reason: selection.waitingReason, retryAt: selection.retryAt.toISOString() };
}
