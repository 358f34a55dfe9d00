/*
 * The Overview's numbers (GET /stats): its query validated into a window of UTC buckets, the list of
 * buckets, and the grouped counts from the database spread over them (empty buckets filled with 0).
 * Pure: the caller passes `now` and runs the grouped queries; nothing here reads rows.
 */
import { z } from 'zod';
import type { FieldProblem } from '../errors';
import { dateParam } from './mail-log-query';

export const STAT_BUCKETS = { hour: 3_600_000, day: 86_400_000 } as const;
export type StatBucket = keyof typeof STAT_BUCKETS;

/** How many buckets a window without `from` shows, and the most one query may ask for. */
const DEFAULT_BUCKETS: Record<StatBucket, number> = { hour: 48, day: 30 };
const MAX_BUCKETS: Record<StatBucket, { count: number; says: string }> = {
  hour: { count: 31 * 24, says: 'hour buckets cover at most 31 days' },
  day: { count: 366, says: 'day buckets cover at most 366 days' },
};

/** What each bucket counts; see README "Overview" for when a message falls in which bucket. */
export const STAT_SERIES = ['sent', 'failed', 'bounced', 'queued'] as const;
export type StatSeries = (typeof STAT_SERIES)[number];

export const statsQuerySchema = z
  .object({
    from: dateParam.optional(),
    to: dateParam.optional(),
    bucket: z.enum(['hour', 'day']).default('hour'),
    mailbox: z.string().min(1).max(100).optional(),
    taskGroup: z.string().min(1).max(100).optional(),
  })
  .strict();

export type StatsQuery = z.infer<typeof statsQuerySchema>;

export interface StatsWindow {
  bucket: StatBucket;
  bucketMs: number;
  /** First bucket's start (inclusive) and the last bucket's end (exclusive), aligned to UTC buckets. */
  from: Date;
  to: Date;
  count: number;
  mailbox: string | null;
  taskGroup: string | null;
}

const floorTo = (ms: number, size: number) => Math.floor(ms / size) * size;
const ceilTo = (ms: number, size: number) => Math.ceil(ms / size) * size;

/**
 * The window a query asks for: `to` defaults to the end of the current bucket, `from` to 48 hour or
 * 30 day buckets before it; both are widened to whole UTC buckets. Problems name the field.
 */
export function statsWindow(query: StatsQuery, now: Date): { window: StatsWindow } | { problems: FieldProblem[] } {
  const size = STAT_BUCKETS[query.bucket];
  const to = ceilTo((query.to ?? now).getTime(), size);
  const from = query.from ? floorTo(query.from.getTime(), size) : to - DEFAULT_BUCKETS[query.bucket] * size;
  if (from >= to) return { problems: [{ path: 'from', message: 'must be before `to` (the window is empty)' }] };
  const count = (to - from) / size;
  const max = MAX_BUCKETS[query.bucket];
  if (count > max.count) {
    return { problems: [{ path: 'from', message: `${max.says}: ask for a shorter window or use bucket=day (this one has ${count} ${query.bucket}s)` }] };
  }
  return { window: { bucket: query.bucket, bucketMs: size, from: new Date(from), to: new Date(to), count, mailbox: query.mailbox ?? null, taskGroup: query.taskGroup ?? null } };
}

/** A grouped count from the database: the bucket's index from the window's start, and its count. */
export interface BucketCount {
  series: StatSeries;
  index: number;
  count: number;
}

export interface StatsBucket {
  at: string;
  sent: number;
  failed: number;
  bounced: number;
  queued: number;
}

/** Every bucket of the window in order, with the grouped counts in place and 0 where none came back. */
export function fillBuckets(window: StatsWindow, counts: BucketCount[]): StatsBucket[] {
  const buckets = Array.from({ length: window.count }, (_, i) => ({
    at: new Date(window.from.getTime() + i * window.bucketMs).toISOString(),
    sent: 0,
    failed: 0,
    bounced: 0,
    queued: 0,
  }));
  for (const { series, index, count } of counts) {
    const bucket = buckets[index];
    if (bucket) bucket[series] += count;
  }
  return buckets;
}

export function totalsOf(buckets: StatsBucket[]): Record<StatSeries, number> {
  const totals = { sent: 0, failed: 0, bounced: 0, queued: 0 };
  for (const bucket of buckets) for (const series of STAT_SERIES) totals[series] += bucket[series];
  return totals;
}
