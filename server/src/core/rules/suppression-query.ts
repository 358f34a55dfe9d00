/*
 * Input of the suppressions API: the list's query (search, kind, page) and the bulk release body,
 * validated with zod (bad input -> 400 naming the field) and turned into a where-clause. Pure.
 */
import { z } from 'zod';

export const SUPPRESSION_KINDS = ['bounce', 'unsubscribe'] as const;

export const suppressionQuerySchema = z
  .object({
    /** Part of the address, the reason or the scope. */
    q: z.string().trim().max(320).optional(),
    kind: z.enum(SUPPRESSION_KINDS).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();

export type SuppressionQuery = z.infer<typeof suppressionQuerySchema>;

export const releaseBodySchema = z
  .object({
    /** The ids (documentId) of the holds to release, as the list shows them. */
    ids: z.array(z.string().min(1).max(64)).min(1, 'name at least one hold to release').max(500, 'release at most 500 holds at a time'),
  })
  .strict();

/** Holds in force at `now` (no end, or an end still ahead) that match the query. */
export function suppressionWhere(query: SuppressionQuery, now: Date): Record<string, unknown> {
  const where: Record<string, unknown>[] = [{ $or: [{ until: { $null: true } }, { until: { $gt: now } }] }];
  if (query.kind) where.push({ kind: query.kind });
  if (query.q) {
    const q = query.q.toLowerCase();
    where.push({ $or: [{ address: { $containsi: q } }, { reason: { $containsi: q } }, { scope: { $containsi: q } }] });
  }
  return { $and: where };
}
