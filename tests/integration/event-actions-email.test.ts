/*
 * The email and notification-profile actions in the real playground with real SMTP sinks: the alert's
 * content (event, folded count with first and last, test marker), the recipients as in notification
 * rules, one message per run however often it is retried, and a failing mailbox with an open circuit
 * is never used for the alert (another mailbox sends it; with none usable it waits in the outbox).
 */
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import type { ActionRun, EventAction } from '../../server/src/core/events/event-types';
import { createActionHandlers, type ActionHandler } from '../../server/src/events/actions/action-handlers';
import { createEventProviderRegistry } from '../../server/src/events/actions/event-providers';
import { EVENTS_READ_PERMISSION } from '../../server/src/events/actions/profiles-action';
import { adminApi, adminWithRole, type AdminApi } from '../helpers/admin-api';
import { FAST_DELIVERY, messageRows, pluginConfigEnv, waitFor, waitForSettled } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

let app: Playground;
let api: AdminApi;
let primarySink: SmtpSink;
let backupSink: SmtpSink;
let handlers: Record<string, ActionHandler>;
let primary: { id: string; numericId: number };
let backupId: string;
const secrets = { webhookSecret: null };

function run(runId: string, action: EventAction, overrides: { test?: boolean; folded?: ActionRun['folded'] } = {}): ActionRun {
  return {
    runId, attempt: 1, rule: { id: 7, name: 'Primary mailbox down' }, actionIndex: 3, action,
    event: {
      id: `evt_${runId}`, type: 'connection-failed', at: '2025-03-04T14:05:00.000Z', test: overrides.test ?? false,
      mailbox: { id: primary.numericId, name: 'Primary', emailAddress: 'primary@example.com' },
      server: { protocol: 'smtp', host: '127.0.0.1', port: primarySink.port, ssl: false, requiresAuth: true },
      customerEmail: 'jane@customer.example',
      message: { id: 1, messageId: '<m1@example.com>', subject: 'Your RMA 1234' },
      smtp: { code: 535, response: '535 Authentication failed' },
      explanation: 'The server refused the user name or password.',
    },
    folded: overrides.folded === undefined ? { count: 499, firstAt: '2025-03-04T14:05:00.000Z', lastAt: '2025-03-04T14:19:30.000Z' } : overrides.folded,
  };
}

beforeAll(async () => {
  primarySink = await startSmtpSink({ auth: { user: 'bot', pass: 'right-password' } });
  backupSink = await startSmtpSink();
  const site = { name: 'Helpdesk', timezone: 'UTC', locale: 'en-GB' };
  app = await startPlayground({ env: pluginConfigEnv({ ...FAST_DELIVERY, site, delivery: { ...FAST_DELIVERY.delivery, circuitBreakMs: 120_000, circuitBreakMaxMs: 120_000 } }) });
  api = await adminApi(app.url);
  const created = await api.request('POST', '/email-notifications/mailboxes', {
    name: 'Primary', fromAddress: 'primary@example.com', host: '127.0.0.1', port: primarySink.port, security: 'none',
    authType: 'login', authUser: 'bot', password: 'wrong-password', isDefault: true,
  });
  const row = await app.strapi.db.query('plugin::email-notifications.mailbox').findOne({ where: { documentId: created.body.data.id } });
  primary = { id: created.body.data.id, numericId: row.id };
  backupId = (await api.request('POST', '/email-notifications/mailboxes', { name: 'Backup', fromAddress: 'backup@example.com', host: '127.0.0.1', port: backupSink.port, security: 'none', priority: 10 })).body.data.id;
  const notifications = app.strapi.plugin('email-notifications').service('notifications');
  handlers = createActionHandlers({ strapi: app.strapi, allowedHosts: [], logDirectory: null, providers: createEventProviderRegistry(), notifications, resolvers: new Map() });

  // The primary mailbox fails its login: its circuit opens and mail fails over to the backup.
  await notifications.send({ to: 'first@example.com', subject: 'Opens the circuit', text: 'x' });
  await backupSink.waitForMessages(1);
  await waitForSettled(app.strapi);
  const health = (await api.request('GET', `/email-notifications/mailboxes/${primary.id}`)).body.data.health;
  expect(new Date(health.circuitOpenUntil).getTime()).toBeGreaterThan(Date.now() + 60_000);
  backupSink.clear();
});
afterAll(async () => {
  await app?.stop();
  await Promise.all([primarySink?.close(), backupSink?.close()]);
});

it('sends the alert to the rule recipients (addresses and admin roles) through another mailbox, never the failing one', async () => {
  const connectionsBefore = primarySink.connections;
  const action: EventAction = { type: 'email', recipients: { to: [{ address: 'ops@example.com', name: 'Ops' }], cc: [{ role: 'strapi-super-admin' }], bcc: [] } } as EventAction;
  const outcome = await handlers.email!(run('run_e1', action), secrets);
  expect(outcome).toMatchObject({ ok: true, detail: expect.stringMatching(/^alert queued to ops@example\.com, admin@example\.com/) });
  const [mail] = await backupSink.waitForMessages(1);
  expect(mail!.envelope).toEqual({ from: 'backup@example.com', to: ['ops@example.com', 'admin@example.com'] });
  expect(mail!.subject).toBe('[Helpdesk] SMTP connection failed: Primary');
  expect(mail!.text).toContain(`SMTP connection failed on mailbox Primary (127.0.0.1:${primarySink.port}) at 4 Mar 2025, 14:05, and 499 more since 14:05 (first 4 Mar 2025, 14:05, last 4 Mar 2025, 14:19)`);
  expect(mail!.text).toContain('The server refused the user name or password.');
  expect(mail!.text).toContain('Server answer: 535 Authentication failed');
  expect(mail!.text).toContain('Recipient: jane@customer.example, message "Your RMA 1234"');
  expect(mail!.text).toContain('Event rule: Primary mailbox down');
  expect(mail!.text).not.toMatch(/test event/i);
  await waitForSettled(app.strapi);
  const [row] = await messageRows(app.strapi, { idempotencyKey: 'smtp-event:run_e1:3' });
  expect(row).toMatchObject({ status: 'sent', mailboxName: 'Backup', originType: 'smtp-event' });
  expect(row.attemptLog.map((a: any) => a.mailboxName)).toEqual(['Backup']);
  expect(primarySink.connections).toBe(connectionsBefore);
});

it('queues one message per run, however often the run is retried', async () => {
  backupSink.clear();
  const action = { type: 'email', recipients: { to: [{ address: 'ops@example.com' }], cc: [], bcc: [] } } as EventAction;
  const first = await handlers.email!(run('run_e2', action), secrets);
  const again = await handlers.email!({ ...run('run_e2', action), attempt: 2 }, secrets);
  expect(first).toMatchObject({ ok: true });
  expect(again).toMatchObject({ ok: true, detail: expect.stringContaining('already queued by an earlier attempt') });
  await backupSink.waitForMessages(1);
  await waitForSettled(app.strapi);
  expect(await messageRows(app.strapi, { idempotencyKey: 'smtp-event:run_e2:3' })).toHaveLength(1);
  expect(backupSink.messages).toHaveLength(1);
});

it('marks a test event and an alert without folded events', async () => {
  backupSink.clear();
  const action = { type: 'email', recipients: { to: [{ address: 'ops@example.com' }], cc: [], bcc: [] } } as EventAction;
  await handlers.email!(run('run_e3', action, { test: true, folded: null }), secrets);
  const [mail] = await backupSink.waitForMessages(1);
  expect(mail!.subject).toBe('[Helpdesk] [TEST] SMTP connection failed: Primary');
  expect(mail!.text).toContain('This is a test event fired from the admin; nothing failed.');
  expect(mail!.text).toContain('at 4 Mar 2025, 14:05.');
  expect(mail!.text).not.toContain('more since');
});

it('with no recipient it fails without retrying, naming why', async () => {
  const action = { type: 'email', recipients: { to: [{ role: 'no-such-role' }], cc: [], bcc: [] } } as EventAction;
  expect(await handlers.email!(run('run_e4', action), secrets)).toEqual({ ok: false, retryable: false, error: 'no recipient: no active admin user has the role "no-such-role"' });
});

it('waits in the outbox while the only other mailbox is disabled, and never uses the failing one', async () => {
  backupSink.clear();
  const connectionsBefore = primarySink.connections;
  await api.request('PUT', `/email-notifications/mailboxes/${backupId}`, { enabled: false });
  const action = { type: 'email', recipients: { to: [{ address: 'ops@example.com' }], cc: [], bcc: [] } } as EventAction;
  expect(await handlers.email!(run('run_e5', action), secrets)).toMatchObject({ ok: true });
  const waiting = await waitFor(async () => {
    const [row] = await messageRows(app.strapi, { idempotencyKey: 'smtp-event:run_e5:3' });
    return row?.waitingReason ? row : null;
  });
  expect(waiting.status).toBe('queued');
  expect(waiting.waitingReason).toMatch(/"Primary" is failing \(circuit open\)/);
  await new Promise((r) => setTimeout(r, 500));
  expect(primarySink.connections).toBe(connectionsBefore);
  expect(primarySink.messages).toHaveLength(0);

  await api.request('PUT', `/email-notifications/mailboxes/${backupId}`, { enabled: true });
  const [mail] = await backupSink.waitForMessages(1);
  expect(mail!.envelope.from).toBe('backup@example.com');
  expect(primarySink.connections).toBe(connectionsBefore);
});

describe('notification profile action', () => {
  let operator: AdminApi;
  let author: AdminApi;
  beforeAll(async () => {
    operator = await adminWithRole(api, app.url, 'Operator', [{ action: 'plugin::email-notifications.rules.read' }]);
    author = await adminWithRole(api, app.url, 'Writer', [{ action: 'plugin::email-notifications.rules.read' }]);
    // The super admin wants SMTP events at another address; the two others subscribe at their own.
    expect((await api.request('PUT', '/email-notifications/profile', { categories: ['smtp-events'], alternativeEmail: 'ada.alerts@example.com' })).status).toBe(200);
    expect((await operator.request('PUT', '/email-notifications/profile', { categories: ['smtp-events'] })).status).toBe(200);
    expect((await author.request('PUT', '/email-notifications/profile', { categories: ['smtp-events'] })).status).toBe(200);
  });

  it('sends the alert to system admins whose profile holds smtp-events, at their alternative address; not to other admins', async () => {
    backupSink.clear();
    const outcome = await handlers.profiles!(run('run_p1', { type: 'profiles' }), secrets);
    expect(outcome).toMatchObject({ ok: true, detail: expect.stringMatching(/^alert queued to ada\.alerts@example\.com \(/) });
    const [mail] = await backupSink.waitForMessages(1);
    expect(mail!.envelope.to).toEqual(['ada.alerts@example.com']);
    expect(mail!.subject).toBe('[Helpdesk] SMTP connection failed: Primary');
    expect(mail!.text).toContain('and 499 more since 14:05');
    await waitForSettled(app.strapi);
    expect(backupSink.messages).toHaveLength(1);
  });

  it('includes an admin once their role holds the events.read permission, one message each', async () => {
    backupSink.clear();
    const role = await app.strapi.db.query('admin::role').findOne({ where: { name: 'Operator' } });
    await app.strapi.db.query('admin::permission').create({ data: { action: EVENTS_READ_PERMISSION, role: role.id, subject: null, properties: {}, conditions: [] } });
    const outcome = await handlers.profiles!(run('run_p2', { type: 'profiles' }), secrets);
    expect(outcome).toMatchObject({ ok: true });
    const mails = await backupSink.waitForMessages(2);
    expect(mails.map((m) => m.envelope.to).sort()).toEqual([['ada.alerts@example.com'], ['operator@example.com']]);
    expect(await messageRows(app.strapi, { idempotencyKey: { $startsWith: 'smtp-event:run_p2:3:' } })).toHaveLength(2);
    // A retry of the run queues nothing new.
    expect(await handlers.profiles!({ ...run('run_p2', { type: 'profiles' }), attempt: 2 }, secrets)).toMatchObject({ ok: true, detail: expect.stringContaining('2 already queued') });
  });

  it('skips a paused profile, and says so when nobody is left', async () => {
    await api.request('PUT', '/email-notifications/profile', { categories: ['smtp-events'], paused: true });
    await operator.request('PUT', '/email-notifications/profile', { categories: ['rma'] });
    expect(await handlers.profiles!(run('run_p3', { type: 'profiles' }), secrets)).toEqual({ ok: true, detail: 'no system admin\'s notification profile holds "smtp-events": nothing to send' });
  });
});
