/*
 * Messages at known times for the stats tests, written straight into the message table (as the
 * driver writes Strapi's own dates), and the buckets the stats must give for them on every database.
 */
import { randomUUID } from 'node:crypto';

const MESSAGE_UID = 'plugin::email-notifications.message';

interface FixtureRow {
  status: 'queued' | 'sent' | 'failed' | 'cancelled';
  at: string;
  lastErrorCode?: string;
  mailboxName?: string;
  taskGroup?: string;
}

/** Around 2026-11-20, far from the real sends of the tests (which happen "now"). */
export const FIXTURE: FixtureRow[] = [
  { status: 'sent', at: '2026-11-20T00:10:00.000Z' },
  { status: 'sent', at: '2026-11-20T00:59:59.999Z' },
  { status: 'sent', at: '2026-11-20T01:00:00.000Z' },
  { status: 'failed', at: '2026-11-20T02:30:00.000Z', lastErrorCode: 'EENVELOPE' },
  { status: 'failed', at: '2026-11-20T02:45:00.000Z', lastErrorCode: 'ETIMEDOUT' },
  { status: 'queued', at: '2026-11-20T03:15:00.000Z', taskGroup: 'billing' },
  { status: 'cancelled', at: '2026-11-20T04:00:00.000Z' },
  { status: 'sent', at: '2026-11-20T05:30:00.000Z', mailboxName: 'Other', taskGroup: 'billing' },
  { status: 'sent', at: '2026-11-20T06:00:00.000Z' },
  { status: 'sent', at: '2026-11-19T23:59:59.000Z' },
  { status: 'failed', at: '2026-11-18T12:00:00.000Z', lastErrorCode: 'EENVELOPE' },
];

export const FIXTURE_HOURS = '/email-notifications/stats?bucket=hour&from=2026-11-20T00:00:00Z&to=2026-11-20T06:00:00Z';
const zero = { sent: 0, failed: 0, bounced: 0, queued: 0 };
export const EXPECTED_HOURS = [
  { at: '2026-11-20T00:00:00.000Z', ...zero, sent: 2 },
  { at: '2026-11-20T01:00:00.000Z', ...zero, sent: 1 },
  { at: '2026-11-20T02:00:00.000Z', ...zero, failed: 1, bounced: 1 },
  { at: '2026-11-20T03:00:00.000Z', ...zero, queued: 1 },
  { at: '2026-11-20T04:00:00.000Z', ...zero },
  { at: '2026-11-20T05:00:00.000Z', ...zero, sent: 1 },
];

export const FIXTURE_DAYS = '/email-notifications/stats?bucket=day&from=2026-11-18T00:00:00Z&to=2026-11-20T23:59:59Z';
export const EXPECTED_DAYS = [
  { at: '2026-11-18T00:00:00.000Z', ...zero, bounced: 1 },
  { at: '2026-11-19T00:00:00.000Z', ...zero, sent: 1 },
  { at: '2026-11-20T00:00:00.000Z', sent: 5, failed: 1, bounced: 1, queued: 1 },
];

/** The same hours filtered to the "billing" task group, and to the mailbox named "Other". */
export const EXPECTED_BILLING = EXPECTED_HOURS.map((b) => ({ ...b, ...zero, ...(b.at.includes('T03') ? { queued: 1 } : b.at.includes('T05') ? { sent: 1 } : {}) }));
export const EXPECTED_OTHER = EXPECTED_HOURS.map((b) => ({ ...b, ...zero, ...(b.at.includes('T05') ? { sent: 1 } : {}) }));

export async function insertFixture(strapi: any): Promise<void> {
  const meta = strapi.db.metadata.get(MESSAGE_UID);
  const col = (attribute: string) => meta.attributes[attribute]?.columnName ?? attribute;
  const rows = FIXTURE.map((row) => {
    const at = new Date(row.at);
    return {
      [col('documentId')]: randomUUID().replace(/-/g, '').slice(0, 24),
      [col('status')]: row.status,
      [col('to')]: JSON.stringify([{ address: 'fixture@example.com' }]),
      [col('recipientsText')]: 'fixture@example.com',
      [col('subject')]: `Fixture ${row.status} ${row.at}`,
      [col('mailboxName')]: row.mailboxName ?? 'Fixture mailbox',
      [col('taskGroup')]: row.taskGroup ?? null,
      [col('attempts')]: 1,
      [col('retryableFailures')]: 0,
      [col('originType')]: 'api',
      [col('sizeBytes')]: 0,
      [col('secretsMasked')]: false,
      [col('lastErrorCode')]: row.lastErrorCode ?? null,
      [col('createdAt')]: at,
      [col('updatedAt')]: at,
      [col('nextAttemptAt')]: row.status === 'queued' ? new Date('2099-01-01T00:00:00Z') : at,
      [col('sentAt')]: row.status === 'sent' ? at : null,
      [col('failedAt')]: row.status === 'failed' ? at : null,
      [col('cancelledAt')]: row.status === 'cancelled' ? at : null,
    };
  });
  await strapi.db.connection(meta.tableName).insert(rows);
}
