/*
 * GET /stats on SQLite through the real playground: real sends (delivered, refused recipients,
 * refused content, one waiting) counted in the current hour and day, the oldest queued message,
 * each mailbox at a glance, the permission guard, refusals naming the field, and the buckets of
 * messages at known times (the same file of expectations runs on PostgreSQL and MariaDB).
 */
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { adminApi, adminWithRole, type AdminApi } from '../helpers/admin-api';
import { FAST_DELIVERY, pluginConfigEnv, sinkUrl, waitForSettled } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';
import { EXPECTED_BILLING, EXPECTED_DAYS, EXPECTED_HOURS, EXPECTED_OTHER, FIXTURE_DAYS, FIXTURE_HOURS, insertFixture } from '../helpers/stats-fixture';

let app: Playground;
let sink: SmtpSink;
let api: AdminApi;
let notifications: any;

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startPlayground({ env: { EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port), ...pluginConfigEnv(FAST_DELIVERY) } });
  api = await adminApi(app.url);
  notifications = app.strapi.plugin('email-notifications').service('notifications');
});
afterAll(async () => {
  await app?.stop();
  await sink?.close();
});

const startOf = (size: number, ms = Date.now()) => new Date(Math.floor(ms / size) * size).toISOString();
/** The buckets that have messages: the current one (or the one before, when the clock just turned). */
const filled = (buckets: any[]) => buckets.filter((b) => b.sent + b.failed + b.bounced + b.queued > 0).map((b) => b.at);
const recent = (size: number) => [startOf(size, Date.now() - size), startOf(size)];

describe('stats from real sends', () => {
  let waitingId: string;

  beforeAll(async () => {
    for (let i = 0; i < 3; i += 1) await notifications.send({ to: `ok${i}@example.com`, subject: `Fine ${i}`, text: 'x' });
    await waitForSettled(app.strapi);
    sink.setFaults({ rejectRecipient: /^gone\d@/ });
    for (let i = 0; i < 2; i += 1) await notifications.send({ to: `gone${i}@example.com`, subject: `Bounce ${i}`, text: 'x' });
    await waitForSettled(app.strapi);
    sink.setFaults({ dataResponseCode: 554 });
    await notifications.send({ to: 'policy@example.com', subject: 'Refused content', text: 'x' });
    await waitForSettled(app.strapi);
    sink.setFaults({});
    ({ messageId: waitingId } = await notifications.send({ to: 'later@example.com', subject: 'Tomorrow', text: 'x', delaySeconds: 3600 }));
  });

  it('counts the last 48 hours by hour, this hour last', async () => {
    const res = await api.request('GET', '/email-notifications/stats');
    expect(res.status).toBe(200);
    const { buckets, totals, bucket, timeZone } = res.body.data;
    expect([bucket, timeZone, buckets.length]).toEqual(['hour', 'UTC', 48]);
    expect(buckets.at(-1).at).toBe(startOf(3_600_000));
    expect(recent(3_600_000)).toEqual(expect.arrayContaining(filled(buckets)));
    expect(totals).toEqual({ sent: 3, failed: 1, bounced: 2, queued: 1 });
  });

  it('counts the last 30 days by day', async () => {
    const res = await api.request('GET', '/email-notifications/stats?bucket=day');
    const { buckets, totals } = res.body.data;
    expect(buckets).toHaveLength(30);
    expect(buckets.at(-1).at).toBe(startOf(86_400_000));
    expect(recent(86_400_000)).toEqual(expect.arrayContaining(filled(buckets)));
    expect(totals).toEqual({ sent: 3, failed: 1, bounced: 2, queued: 1 });
  });

  it('filters by mailbox and task group', async () => {
    const [mailbox] = (await api.request('GET', '/email-notifications/mailboxes')).body.data;
    const byId = await api.request('GET', `/email-notifications/stats?mailbox=${mailbox.id}`);
    expect(byId.body.data.totals).toEqual({ sent: 3, failed: 1, bounced: 2, queued: 0 });
    const other = await api.request('GET', '/email-notifications/stats?mailbox=nobody');
    expect(other.body.data.totals).toEqual({ sent: 0, failed: 0, bounced: 0, queued: 0 });
    const group = await api.request('GET', '/email-notifications/stats?taskGroup=none-such');
    expect(group.body.data.totals.sent).toBe(0);
  });

  it('names the oldest queued message and each mailbox at a glance', async () => {
    const { oldestQueued, mailboxes } = (await api.request('GET', '/email-notifications/stats')).body.data;
    expect(oldestQueued).toMatchObject({ id: waitingId, subject: 'Tomorrow' });
    expect(mailboxes).toEqual([
      expect.objectContaining({ name: 'Default mailbox', enabled: true, sentToday: 3, circuit: 'closed', circuitOpenUntil: null }),
    ]);
    expect(typeof mailboxes[0].dailyQuota).toBe('number');
    await api.request('POST', '/email-notifications/task-groups', { name: 'billing', strategy: 'failover', mailboxes: [mailboxes[0].id] });
    expect((await api.request('GET', '/email-notifications/stats')).body.data.taskGroups).toEqual(['billing']);
  });

  it('refuses bad queries with 400 naming the field', async () => {
    const bad = await api.request('GET', '/email-notifications/stats?bucket=week&to=soon');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: any) => e.path.join('.')).sort()).toEqual(['bucket', 'to']);
    const long = await api.request('GET', '/email-notifications/stats?from=2026-01-01&to=2026-03-01');
    expect(long.status).toBe(400);
    expect(long.body.error.details.errors).toEqual([{ path: ['from'], message: expect.stringMatching(/hour buckets cover at most 31 days/) }]);
  });

  it('is guarded by the messages.read permission', async () => {
    expect((await api.request('GET', '/email-notifications/stats', undefined, null)).status).toBe(401);
    const mailboxesOnly = await adminWithRole(api, app.url, 'Mailboxes only', [{ action: 'plugin::email-notifications.mailboxes.read' }]);
    expect((await mailboxesOnly.request('GET', '/email-notifications/stats')).status).toBe(403);
    const reader = await adminWithRole(api, app.url, 'Mail log reader', [{ action: 'plugin::email-notifications.messages.read' }]);
    expect((await reader.request('GET', '/email-notifications/stats')).status).toBe(200);
  });
});

describe('stats of messages at known times', () => {
  beforeAll(() => insertFixture(app.strapi));

  it.each([
    ['hours', FIXTURE_HOURS, EXPECTED_HOURS],
    ['days', FIXTURE_DAYS, EXPECTED_DAYS],
    ['the billing task group', `${FIXTURE_HOURS}&taskGroup=billing`, EXPECTED_BILLING],
    ['the mailbox named Other', `${FIXTURE_HOURS}&mailbox=Other`, EXPECTED_OTHER],
  ])('buckets %s exactly, edges included', async (_name, url, expected) => {
    const res = await api.request('GET', url as string);
    expect(res.status).toBe(200);
    expect(res.body.data.buckets).toEqual(expected);
  });
});
