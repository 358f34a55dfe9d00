/*
 * Multi-SMTP routing against three real SMTP servers: round robin and weighted load sharing through
 * task groups, failover when the first server is down (port closed, then refusing logins) and the way
 * back, and a daily quota. Nothing is lost on the way.
 */
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { adminApi, type AdminApi } from '../helpers/admin-api';
import { FAST_DELIVERY, messageRows, pluginConfigEnv, waitForSettled } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

let app: Playground;
let api: AdminApi;
let sinks: SmtpSink[];
let ids: string[];
let notifications: any;

const counts = () => sinks.map((s) => s.messages.length);
const clearAll = () => sinks.forEach((s) => (s.clear(), s.setFaults({})));

async function sendBatch(n: number, extra: Record<string, unknown>) {
  await notifications.sendMany(Array.from({ length: n }, (_, i) => ({ to: `c${i}@example.com`, subject: `Routed ${i}`, text: 'x', ...extra })));
  await waitForSettled(app.strapi, 120_000);
}

beforeAll(async () => {
  sinks = await Promise.all([startSmtpSink({ auth: { user: 'one', pass: 'secret-one' } }), startSmtpSink(), startSmtpSink()]);
  app = await startPlayground({ env: pluginConfigEnv({ ...FAST_DELIVERY, delivery: { ...FAST_DELIVERY.delivery, circuitBreakMs: 1500, circuitBreakMaxMs: 1500 } }) });
  api = await adminApi(app.url);
  ids = [];
  for (const [i, sink] of sinks.entries()) {
    const res = await api.request('POST', '/email-notifications/mailboxes', {
      name: `SMTP ${i + 1}`, fromAddress: `smtp${i + 1}@example.com`, host: '127.0.0.1', port: sink.port, security: 'none',
      weight: i === 0 ? 3 : 1, priority: (i + 1) * 10, ...(i === 0 ? { authType: 'login', authUser: 'one', password: 'secret-one' } : {}),
    });
    ids.push(res.body.data.id);
  }
  notifications = app.strapi.plugin('email-notifications').service('notifications');
});
afterAll(async () => {
  await app?.stop();
  await Promise.all(sinks.map((s) => s.close()));
});
beforeEach(clearAll);

describe('task groups', () => {
  it('validates: unknown mailboxes and bad names are refused', async () => {
    const bad = await api.request('POST', '/email-notifications/task-groups', { name: 'Bad Name', mailboxes: ['nope'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: any) => e.path.join('.')).sort()).toEqual(['name']);
    const missing = await api.request('POST', '/email-notifications/task-groups', { name: 'rma', mailboxes: ['nope'] });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.errors[0]).toMatchObject({ path: ['mailboxes', '0'], message: 'mailbox "nope" does not exist' });
  });

  it('round robin spreads 300 messages 100/100/100', async () => {
    const res = await api.request('POST', '/email-notifications/task-groups', { name: 'rma', strategy: 'round-robin', mailboxes: ids });
    expect(res.status).toBe(201);
    await sendBatch(300, { taskGroup: 'rma' });
    expect(counts()).toEqual([100, 100, 100]);
    const [row] = await messageRows(app.strapi, { taskGroup: 'rma' });
    expect(row.attemptLog.some((a: any) => /task group "rma" \(round-robin\)/.test(a.route ?? ''))).toBe(true);
  });

  it('weighted 3:1:1 sends 300/100/100 of 500', async () => {
    await api.request('POST', '/email-notifications/task-groups', { name: 'digests', strategy: 'weighted', mailboxes: ids });
    await sendBatch(500, { taskGroup: 'digests' });
    expect(counts()).toEqual([300, 100, 100]);
  });
});

describe('failover', () => {
  it('moves all traffic to the second server when the first is down, and back when it returns', async () => {
    // Port closed: the first sink stops listening.
    const port = sinks[0]!.port;
    await sinks[0]!.close();
    await sendBatch(60, {});
    expect(counts().slice(1)).toEqual([60, 0]);
    const rows = await messageRows(app.strapi, { status: 'sent' });
    expect(rows.slice(-60).every((r: any) => r.mailboxName === 'SMTP 2')).toBe(true);
    const hops = rows.slice(-60).filter((r: any) => r.attemptLog.some((a: any) => a.mailboxName === 'SMTP 1'));
    // Only the messages tried before the circuit opened touched the dead server, once each.
    expect(hops.length).toBeGreaterThan(0);
    expect(hops.length).toBeLessThanOrEqual(20); // at most what was in flight when the circuit opened
    expect(hops.every((r: any) => r.attemptLog.filter((a: any) => a.mailboxName === 'SMTP 1').length === 1)).toBe(true);

    // It comes back, but refusing our login: still nothing lost, still the second server.
    sinks[0] = await startSmtpSink({ port, auth: { user: 'one', pass: 'another-secret' } });
    await new Promise((r) => setTimeout(r, 1600)); // the circuit's open period ends
    clearAll();
    await sendBatch(30, {});
    expect(counts()).toEqual([0, 30, 0]);
    const failing = (await api.request('GET', `/email-notifications/mailboxes/${ids[0]}`)).body.data.health;
    expect(failing.lastFailure).toMatch(/535/);

    // Fixed: the right login again, and the traffic returns to the first server.
    await sinks[0]!.close();
    sinks[0] = await startSmtpSink({ port, auth: { user: 'one', pass: 'secret-one' } });
    await new Promise((r) => setTimeout(r, 1600));
    clearAll();
    await sendBatch(20, {});
    expect(counts()).toEqual([20, 0, 0]);
  });
});

describe('limits', () => {
  it('a mailbox with a daily quota sends up to it; the rest go elsewhere', async () => {
    // The quota counts today's sends, and this mailbox already sent some in the tests above.
    const sentToday = (await messageRows(app.strapi, { status: 'sent', mailboxId: ids[0] })).length;
    await api.request('PUT', `/email-notifications/mailboxes/${ids[0]}`, { dailyQuota: sentToday + 50 });
    await sendBatch(80, {});
    expect(counts()).toEqual([50, 30, 0]);
    const listed = (await api.request('GET', '/email-notifications/mailboxes')).body.data.find((m: any) => m.id === ids[0]);
    expect(listed.usage.sentToday).toBe(sentToday + 50);
    expect(listed.dailyQuota).toBe(sentToday + 50);
    const rows = await messageRows(app.strapi, { status: 'sent' });
    expect(rows.slice(-80).some((r: any) => r.attemptLog.some((a: any) => new RegExp(`reached its daily quota of ${sentToday + 50}`).test(a.route ?? '')))).toBe(true);
  });

  it('waits, visibly, when every mailbox of a waiting task group is full', async () => {
    await api.request('POST', '/email-notifications/task-groups', { name: 'billing', strategy: 'failover', mailboxes: [ids[0]], fallback: 'wait' });
    const { messageId } = await notifications.send({ to: 'a@example.com', subject: 'Invoice', text: 'x', taskGroup: 'billing' });
    await new Promise((r) => setTimeout(r, 500));
    const [row] = await messageRows(app.strapi, { documentId: messageId });
    expect(row.status).toBe('queued');
    expect(row.waitingReason).toMatch(/no mailbox of task group "billing" is usable.*daily quota/);
    expect(counts()).toEqual([0, 0, 0]);
  });
});

it('a deleted mailbox leaves the task groups that listed it', async () => {
  const temp = await api.request('POST', '/email-notifications/mailboxes', { name: 'Temporary', fromAddress: 't@example.com', host: '127.0.0.1', port: sinks[1]!.port, security: 'none' });
  const group = await api.request('POST', '/email-notifications/task-groups', { name: 'temp', mailboxes: [ids[1], temp.body.data.id] });
  expect((await api.request('DELETE', `/email-notifications/mailboxes/${temp.body.data.id}`)).status).toBe(204);
  const after = await api.request('GET', `/email-notifications/task-groups/${group.body.data.id}`);
  expect(after.body.data.mailboxes).toEqual([ids[1]]);
});
