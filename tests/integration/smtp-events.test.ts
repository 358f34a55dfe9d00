/*
 * SMTP events end to end, on the real playground with real SMTP sinks and a real web-hook receiver:
 * a storm of 500 refused deliveries makes one signed web page call and one alert email per window,
 * and the next window's run reports the folded count; a receiver that fails or times out is retried
 * while mail keeps flowing; a server that is down raises connection-failed for a rule from the
 * options (read-only); bad input is refused naming the field; an Author gets 403.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { adminApi, rawRequest, type AdminApi } from '../helpers/admin-api';
import { FAST_DELIVERY, messageRows, pluginConfigEnv, sinkUrl, waitFor, waitForSettled } from '../helpers/outbox';
import { freePort, startPlayground, type Playground } from '../helpers/playground';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

const BASE = '/email-notifications/smtp-event-rules';
const RUN_UID = 'plugin::email-notifications.event-action-run';
const WINDOW_UID = 'plugin::email-notifications.event-window';

let app: Playground;
let api: AdminApi;
let okSink: SmtpSink;
let refusingSink: SmtpSink;
let receiver: WebhookReceiver;
let logDirectory: string;
let downPort: number;
let notifications: any;

beforeAll(async () => {
  okSink = await startSmtpSink();
  refusingSink = await startSmtpSink();
  refusingSink.setFaults({ rejectRecipient: /./ });
  receiver = await startWebhookReceiver();
  downPort = await freePort();
  logDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'en-events-log-'));
  const events = {
    allowedHosts: ['127.0.0.1'],
    logDirectory,
    pollIntervalMs: 50,
    backoffBaseMs: 200,
    backoffMaxMs: 400,
    maxAttempts: 3,
    webhookTimeoutMs: 1000,
    rules: [{ name: 'Declared', eventType: 'connection-failed', conditions: { port: downPort }, actions: [{ type: 'log', file: 'declared.log' }] }],
  };
  app = await startPlayground({ env: { ...pluginConfigEnv({ ...FAST_DELIVERY, events }), EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(okSink.port) } });
  api = await adminApi(app.url);
  for (const [name, port] of [['Refusing', refusingSink.port], ['Down', downPort]] as const) {
    const created = await api.request('POST', '/email-notifications/mailboxes', { name, fromAddress: `${name.toLowerCase()}@example.com`, host: '127.0.0.1', port, security: 'none', priority: 50 });
    expect(created.status).toBe(201);
  }
  notifications = app.strapi.plugin('email-notifications').service('notifications');
});
afterAll(async () => {
  await app?.stop();
  await Promise.all([okSink?.close(), refusingSink?.close(), receiver?.close()]);
  fs.rmSync(logDirectory, { recursive: true, force: true });
});

const service = () => app.strapi.plugin('email-notifications').service('smtpEventRules');
const runsOf = (ruleKey: string) => app.strapi.db.query(RUN_UID).findMany({ where: { ruleKey }, orderBy: [{ id: 'asc' }] });
const alertsTo = (address: string) => okSink.messages.filter((m: any) => m.envelope.to.includes(address));

async function runsFinished(ruleKey: string, count: number) {
  await service().idle();
  return waitFor(async () => {
    const runs = await runsOf(ruleKey);
    return runs.length === count && runs.every((r: any) => ['succeeded', 'failed'].includes(r.status)) && runs;
  }, 30_000);
}

describe('a failure storm', () => {
  let ruleId: number;
  let secret: string;

  it('makes one signed web page call and one alert email for 500 refused deliveries', async () => {
    const created = await api.request('POST', BASE, {
      name: 'Storm to the ops hook',
      eventType: 'final-delivery-failed',
      conditions: { emailAddress: 'refusing@example.com', customerEmail: '@customer.example', port: refusingSink.port, ssl: false, requiresAuth: false },
      maxFrequencyMinutes: 60,
      actions: [{ type: 'webhook', url: receiver.url }, { type: 'email', recipients: { to: [{ address: 'ops@example.com' }] } }],
    });
    expect(created.status).toBe(201);
    ruleId = created.body.data.id;
    secret = created.body.webhookSecret;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(created.body.data).toMatchObject({ source: 'admin', readOnly: false, hasWebhookSecret: true });

    await notifications.sendMany(Array.from({ length: 500 }, (_, i) => ({ to: `user${i}@customer.example`, subject: `Storm ${i}`, text: 'x', mailbox: 'Refusing' })));
    await waitFor(async () => (await app.strapi.db.query('plugin::email-notifications.message').count({ where: { status: 'failed' } })) === 500, 120_000, 200);
    await runsFinished(String(ruleId), 2);
    await waitFor(async () => alertsTo('ops@example.com').length === 1 && (await waitForSettled(app.strapi)), 30_000);

    expect(receiver.calls).toHaveLength(1);
    const [payload] = receiver.verifyAll(secret);
    expect(payload).toMatchObject({
      type: 'smtp-event.final-delivery-failed',
      data: { rule: { id: ruleId, name: 'Storm to the ops hook' }, test: false, folded: null, event: { type: 'final-delivery-failed', mailbox: { name: 'Refusing', emailAddress: 'refusing@example.com' }, server: { host: '127.0.0.1', port: refusingSink.port, ssl: false, requiresAuth: false }, smtp: { code: 550 } } },
    });
    expect(payload.data.event.customerEmail).toMatch(/^user\d+@customer\.example$/);
    expect(alertsTo('ops@example.com')).toHaveLength(1);

    const view = (await api.request('GET', `${BASE}/${ruleId}`)).body.data;
    expect(view.stats).toMatchObject({ actionsRun: 2, foldedCount: 499 });
    expect(view.stats.lastFiredAt).toEqual(expect.any(String));
    expect(JSON.stringify(view)).not.toContain(secret);
  }, 180_000);

  it('reports the 499 folded events with the run of the next window', async () => {
    // The window opened an hour ago: the next event opens a new one (the window lives in the database).
    await app.strapi.db.query(WINDOW_UID).update({ where: { ruleKey: String(ruleId) }, data: { openedAt: new Date(Date.now() - 61 * 60_000) } });
    await notifications.send({ to: 'late@customer.example', subject: 'After the storm', text: 'x', mailbox: 'Refusing' });
    await runsFinished(String(ruleId), 4);
    await waitFor(async () => alertsTo('ops@example.com').length === 2, 30_000);

    expect(receiver.calls).toHaveLength(2);
    const payloads = receiver.verifyAll(secret);
    expect(payloads[1].data.folded).toMatchObject({ count: 499, firstAt: expect.any(String), lastAt: expect.any(String) });
    expect(payloads[1].data.event.customerEmail).toBe('late@customer.example');
    expect(alertsTo('ops@example.com')[1].text).toContain('499');
    const history = (await api.request('GET', `${BASE}/${ruleId}/history?page=1&pageSize=2`)).body;
    expect(history.pagination).toEqual({ page: 1, pageSize: 2, total: 4, pageCount: 2 });
    expect(history.results[0]).toMatchObject({ status: 'succeeded', attempts: 1, folded: { count: 499 }, test: false, eventType: 'final-delivery-failed' });
    expect(history.results.map((r: any) => r.actionType).sort()).toEqual(['email', 'webhook']);
  });
});

describe('a receiver that fails', () => {
  it('is retried with backoff until it answers, and a receiver that times out fails after its attempts; mail is unaffected', async () => {
    const created = await api.request('POST', BASE, { name: 'Flaky receiver', eventType: 'delivery-failed', actions: [{ type: 'webhook', url: receiver.url }] });
    const id = created.body.data.id;
    receiver.calls.length = 0;
    receiver.answers = [500, 500, 200];
    const tested = await api.request('POST', `${BASE}/${id}/test`);
    expect(tested.status).toBe(200);
    expect(tested.body.event).toMatchObject({ type: 'delivery-failed', test: true });
    expect(tested.body.runs).toEqual([expect.objectContaining({ status: 'queued', actionType: 'webhook', test: true })]);
    const [done] = await runsFinished(String(id), 1);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 3, httpStatus: 200 });
    expect(receiver.calls).toHaveLength(3);
    // A retry is the same message: one webhook-id, verified each time.
    expect(new Set(receiver.calls.map((c) => c.headers['webhook-id'])).size).toBe(1);
    expect(receiver.verifyAll(created.body.webhookSecret).every((p) => p.data.test === true)).toBe(true);

    receiver.calls.length = 0;
    receiver.answers = ['hang'];
    await api.request('POST', `${BASE}/${id}/test`);
    await waitFor(async () => receiver.calls.length === 1, 10_000);
    // While the receiver hangs, mail goes out as usual: each message at its first attempt.
    const before = okSink.messages.length;
    await notifications.sendMany(Array.from({ length: 20 }, (_, i) => ({ to: `fine${i}@example.org`, subject: `Unaffected ${i}`, text: 'x' })));
    await okSink.waitForMessages(before + 20, 10_000);
    await waitForSettled(app.strapi);
    const unaffected = (await messageRows(app.strapi)).filter((m: any) => m.subject?.startsWith('Unaffected'));
    expect(unaffected.map((m: any) => [m.status, m.attempts])).toEqual(Array.from({ length: 20 }, () => ['sent', 1]));
    await waitFor(async () => (await runsOf(String(id))).some((r: any) => r.status === 'failed'), 30_000);
    const failed = (await runsOf(String(id))).find((r: any) => r.status === 'failed');
    expect(failed).toMatchObject({ attempts: 3 });
    expect(failed.error).toMatch(/time|gave up after 3 attempts/i);
    expect(receiver.calls).toHaveLength(3);
    const history = (await api.request('GET', `${BASE}/${id}/history`)).body.results;
    expect(history[0]).toMatchObject({ status: 'failed', attempts: 3, error: expect.stringMatching(/gave up after 3 attempts/) });
    expect(history[1]).toMatchObject({ status: 'succeeded', attempts: 3, httpStatus: 200 });
    receiver.answers = [200];
  }, 60_000);
});

describe('a rule from the plugin options', () => {
  it('logs connection-failed when a mailbox’s server is down, and is read-only', async () => {
    await notifications.send({ to: 'someone@example.com', subject: 'Server down', text: 'x', mailbox: 'Down' });
    const file = path.join(logDirectory, 'declared.log');
    const lines = await waitFor(async () => {
      const complete = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(0, -1) : [];
      return complete.length > 0 && complete.map((line) => JSON.parse(line));
    }, 20_000);
    expect(JSON.stringify(lines[0])).toContain('connection-failed');
    expect(JSON.stringify(lines[0])).toContain(String(downPort));

    const list = (await api.request('GET', BASE)).body.results;
    expect(list.find((r: any) => r.id === 'options:Declared')).toMatchObject({ source: 'options', readOnly: true, eventType: 'connection-failed', hasWebhookSecret: false });
    const put = await api.request('PUT', `${BASE}/options:Declared`, { name: 'Declared', eventType: 'connection-failed', actions: [{ type: 'profiles' }] });
    expect(put.status).toBe(409);
    expect(put.body.error).toMatchObject({ code: 'READ_ONLY', message: expect.stringContaining('events.rules') });
    expect((await api.request('DELETE', `${BASE}/options:Declared`)).status).toBe(409);
    expect((await api.request('POST', `${BASE}/options:Declared/webhook-secret`)).status).toBe(409);
    expect((await api.request('GET', `${BASE}/options:Nope`)).status).toBe(404);
    await app.strapi.db.query('plugin::email-notifications.message').updateMany({ where: { requestedMailbox: 'Down' }, data: { status: 'cancelled' } });
  });
});

describe('the API', () => {
  const valid = { name: 'Valid', eventType: 'final-delivery-failed', actions: [{ type: 'log', file: 'a.log' }] };

  it.each<[string, Record<string, unknown>, string[]]>([
    ['no name and an unknown event type', { name: '', eventType: 'down' }, ['name', 'eventType']],
    ['a bad time of day', { conditions: { timeOfDay: { from: '25:00', to: '08:00', timezone: 'Nowhere/City' } } }, ['conditions.timeOfDay.from', 'conditions.timeOfDay.timezone']],
    ['a bad day and port', { conditions: { daysOfWeek: ['someday'], port: 0 } }, ['conditions.daysOfWeek.0', 'conditions.port']],
    ['bad flags and patterns', { conditions: { ssl: 'any', smtpServer: 'a b', customerEmail: 'x' } }, ['conditions.smtpServer', 'conditions.ssl', 'conditions.customerEmail']],
    ['a negative max frequency', { maxFrequencyMinutes: -5 }, ['maxFrequencyMinutes']],
    ['a web page without a URL', { actions: [{ type: 'webhook' }] }, ['actions.0.url']],
    ['an unregistered provider', { actions: [{ type: 'provider', name: 'pagerduty' }] }, ['actions.0.name']],
    ['an email without recipients', { actions: [{ type: 'email', recipients: {} }] }, ['actions.0.recipients']],
  ])('refuses %s with 400 naming each field, and saves nothing', async (_name, change, paths) => {
    const res = await api.request('POST', BASE, { ...valid, ...change });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual(paths);
    expect((await api.request('GET', BASE)).body.results.map((r: any) => r.name)).not.toContain('Valid');
  });

  it('shows a new secret once, keeps it encrypted, and answers meta', async () => {
    const created = await api.request('POST', BASE, { ...valid, name: 'Secret keeper', actions: [{ type: 'webhook', url: receiver.url }] });
    const stored = await app.strapi.db.query('plugin::email-notifications.event-rule').findOne({ where: { id: created.body.data.id } });
    expect(stored.webhookSecret).toMatch(/^enc:v1:/);
    expect(stored.webhookSecret).not.toContain(created.body.webhookSecret.slice(6));
    const again = await api.request('GET', `${BASE}/${created.body.data.id}`);
    expect(again.body.webhookSecret).toBeUndefined();
    const rotated = await api.request('POST', `${BASE}/${created.body.data.id}/webhook-secret`);
    expect(rotated.body.webhookSecret).toMatch(/^whsec_/);
    expect(rotated.body.webhookSecret).not.toBe(created.body.webhookSecret);
    const meta = (await api.request('GET', `${BASE}/meta`)).body;
    expect(meta).toMatchObject({ eventTypes: ['connection-failed', 'delivery-failed', 'final-delivery-failed', 'pop-login-failed'], actionTypes: ['webhook', 'log', 'provider', 'email', 'profiles'], providers: [], logDirectoryConfigured: true });
    expect(meta.timezones).toContain('Europe/Berlin');
    const removed = await api.request('DELETE', `${BASE}/${created.body.data.id}`);
    expect(removed.body.data.name).toBe('Secret keeper');
    expect((await api.request('GET', `${BASE}/${created.body.data.id}`)).status).toBe(404);
  });

  it('offers the smtp-events profile category to the super admin only', async () => {
    const mine = (await api.request('GET', '/email-notifications/profile')).body.data;
    expect(mine.availableCategories).toContain('smtp-events');
  });

  it('refuses an Author (403) on every route, and hides the category from their profile', async () => {
    const roles = await api.request('GET', '/admin/roles');
    const author = roles.body.data.find((r: any) => r.code === 'strapi-author');
    const invited = await api.request('POST', '/admin/users', { email: 'author@example.com', firstname: 'Au', lastname: 'Thor', roles: [author.id] });
    const registered = await rawRequest(app.url, 'POST', '/admin/register', { registrationToken: invited.body.data.registrationToken, userInfo: { firstname: 'Au', lastname: 'Thor', password: 'Author-Passw0rd!' } });
    const token = registered.body.data.token;
    for (const [method, route] of [['GET', BASE], ['GET', `${BASE}/meta`], ['POST', BASE], ['GET', `${BASE}/1/history`], ['POST', `${BASE}/1/test`], ['PUT', `${BASE}/1`], ['DELETE', `${BASE}/1`]]) {
      const res = await rawRequest(app.url, method, route, method === 'POST' || method === 'PUT' ? valid : undefined, token);
      expect([method, route, res.status]).toEqual([method, route, 403]);
    }
    const theirs = (await rawRequest(app.url, 'GET', '/email-notifications/profile', undefined, token)).body.data;
    expect(theirs.availableCategories).not.toContain('smtp-events');
  });
});
