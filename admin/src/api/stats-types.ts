/* The shape of GET /stats (the Mail log's Overview and the home page widget), as the server sends it. */

export type StatBucket = 'hour' | 'day';
export type CircuitState = 'closed' | 'open' | 'half-open';

export interface StatsParams {
  bucket: StatBucket;
  from?: string;
  to?: string;
  mailbox?: string;
  taskGroup?: string;
}

export interface StatsBucketRow {
  /** Start of the UTC hour or day. */
  at: string;
  sent: number;
  failed: number;
  bounced: number;
  queued: number;
}

export type StatSeries = Exclude<keyof StatsBucketRow, 'at'>;
export const STAT_SERIES: StatSeries[] = ['sent', 'failed', 'bounced', 'queued'];

export interface MailboxGlance {
  id: string;
  name: string;
  enabled: boolean;
  sentToday: number;
  /** 0: no daily quota. */
  dailyQuota: number;
  lastError: string | null;
  lastErrorAt: string | null;
  lastSuccessAt: string | null;
  circuit: CircuitState;
  circuitOpenUntil: string | null;
}

export interface Stats {
  bucket: StatBucket;
  timeZone: 'UTC';
  from: string;
  to: string;
  buckets: StatsBucketRow[];
  totals: Record<StatSeries, number>;
  oldestQueued: { id: string; subject: string | null; createdAt: string; waitingReason: string | null } | null;
  mailboxes: MailboxGlance[];
  taskGroups: string[];
}
