/*
 * Mailbox-level failures: a mailbox whose login is refused is marked failing (circuit open, visible on
 * the mailbox) and the message goes to the next mailbox at once, without using up its attempts; when
 * the mailbox is fixed, traffic comes back. Also: the text encoding option, and retention by count.
 */
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { adminApi, type AdminApi } from '../helpers/admin-api';
import { FAST_DELIVERY, messageRows, pluginConfigEnv, waitForSettled } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

let app: Playground;
let api: AdminApi;
let primarySink: SmtpSink;
let backupSink: SmtpSink;
let notifications: any;
let primaryId: string;

beforeAll(async () => {
  primarySink = await startSmtpSink({ auth: { user: 'bot', pass: 'right-password' } });
  backupSink = await startSmtpSink();
  app = await startPlayground({ env: pluginConfigEnv({ ...FAST_DELIVERY, delivery: { ...FAST_DELIVERY.delivery, circuitBreakMs: 60_000, circuitBreakMaxMs: 60_000 } }) });
  api = await adminApi(app.url);
  const primary = await api.request('POST', '/email-notifications/mailboxes', {
    name: 'Primary', fromAddress: 'primary@example.com', host: '127.0.0.1', port: primarySink.port, security: 'none',
    authType: 'login', authUser: 'bot', password: 'wrong-password', isDefault: true,
  });
  primaryId = primary.body.data.id;
  await api.request('POST', '/email-notifications/mailboxes', { name: 'Backup', fromAddress: 'backup@example.com', host: '127.0.0.1', port: backupSink.port, security: 'none', priority: 10 });
  notifications = app.strapi.plugin('email-notifications').service('notifications');
});
afterAll(async () => {
  await app?.stop();
  await Promise.all([primarySink?.close(), backupSink?.close()]);
});

it('fails over to the next mailbox when the login is refused, and shows the failing mailbox', async () => {
  const { messageId } = await notifications.send({ to: 'ada@example.com', subject: 'Failover', text: 'x' });
  const [received] = await backupSink.waitForMessages(1);
  expect(received.envelope.from).toBe('backup@example.com');
  await waitForSettled(app.strapi);
  const [row] = await messageRows(app.strapi, { documentId: messageId });
  expect(row).toMatchObject({ status: 'sent', mailboxName: 'Backup', retryableFailures: 0 });
  const outcomes = row.attemptLog.map((a: any) => `${a.mailboxName}:${a.outcome}`);
  expect(outcomes).toEqual(expect.arrayContaining(['Primary:mailbox-failed', 'Backup:sent']));
  expect(row.attemptLog.find((a: any) => a.outcome === 'mailbox-failed')).toMatchObject({ code: 'EAUTH', responseCode: 535 });
  expect(row.attemptLog.some((a: any) => /failover to "Backup"/.test(a.route ?? ''))).toBe(true);

  const primary = (await api.request('GET', `/email-notifications/mailboxes/${primaryId}`)).body.data;
  expect(primary.health.consecutiveFailures).toBe(1);
  expect(new Date(primary.health.circuitOpenUntil).getTime()).toBeGreaterThan(Date.now());
  expect(primary.health.lastFailure).toMatch(/535/);
  expect(JSON.stringify(primary)).not.toContain('wrong-password');

  // While its circuit is open, the failing mailbox is not even tried.
  await notifications.send({ to: 'grace@example.org', subject: 'Straight to backup', text: 'x' });
  await backupSink.waitForMessages(2);
  await waitForSettled(app.strapi);
  expect(primarySink.connections).toBe(1);
});

it('sends through the mailbox again once it is fixed', async () => {
  await api.request('PUT', `/email-notifications/mailboxes/${primaryId}`, { password: 'right-password' });
  const fixed = (await api.request('GET', `/email-notifications/mailboxes/${primaryId}`)).body.data;
  expect(fixed.health).toMatchObject({ consecutiveFailures: 0, circuitOpenUntil: null });
  await notifications.send({ to: 'kenji@example.jp', subject: 'Back to primary', text: 'x' });
  const [received] = await primarySink.waitForMessages(1);
  expect(received.user).toBe('bot');
});

it('encodes text parts as configured', async () => {
  await api.request('PUT', '/email-notifications/settings', { delivery: { textEncoding: 'base64' } });
  await notifications.send({ to: 'a@example.com', subject: 'Encoded', text: 'Grüße aus dem Helpdesk', mailbox: 'Backup' });
  const received = (await backupSink.waitForMessages(3)).find((m) => m.subject === 'Encoded')!;
  expect(received.raw).toMatch(/Content-Transfer-Encoding: base64/i);
  expect(received.text).toContain('Grüße aus dem Helpdesk');
  await api.request('PUT', '/email-notifications/settings', { delivery: { textEncoding: null } });
});

it('keeps the bodies of at most `retention.maxBodies` messages', async () => {
  await waitForSettled(app.strapi);
  await api.request('PUT', '/email-notifications/settings', { retention: { maxBodies: 2 } });
  const report = await app.strapi.plugin('email-notifications').service('outbox').runRetention();
  expect(report.purgedBodies).toBeGreaterThan(0);
  const rows = await messageRows(app.strapi, { status: 'sent' });
  const withBody = rows.filter((r: any) => r.text !== null);
  expect(withBody).toHaveLength(2);
  expect(withBody.map((r: any) => r.id)).toEqual(rows.slice(-2).map((r: any) => r.id));
});

it('a mailbox for registered users only drops other recipients, and cancels a message left with none', async () => {
  await api.request('PUT', '/email-notifications/settings', { retention: { maxBodies: null } });
  const created = await api.request('POST', '/email-notifications/mailboxes', {
    name: 'Customers only', fromAddress: 'care@example.com', host: '127.0.0.1', port: backupSink.port, security: 'none', allowedRecipients: 'registered',
  });
  expect(created.status).toBe(201);
  await app.strapi.documents('api::customer.customer').create({ data: { name: 'Known Customer', email: 'Known@Example.com' } });
  backupSink.clear();
  const mixed = await notifications.send({ to: ['known@example.com', 'stranger@example.com'], subject: 'Registered only', text: 'x', mailbox: 'Customers only' });
  const [received] = await backupSink.waitForMessages(1);
  expect(received.envelope.to).toEqual(['known@example.com']);
  await waitForSettled(app.strapi);
  const [row] = await messageRows(app.strapi, { documentId: mixed.messageId });
  expect(row.attemptLog.some((a: any) => /stranger@example.com removed: is not a registered user/.test(a.note ?? ''))).toBe(true);

  const strangers = await notifications.send({ to: 'stranger@example.com', subject: 'Nobody left', text: 'x', mailbox: 'Customers only' });
  await waitForSettled(app.strapi);
  const [cancelled] = await messageRows(app.strapi, { documentId: strangers.messageId });
  expect(cancelled).toMatchObject({ status: 'cancelled', waitingReason: 'Every recipient was blocked by the mailbox recipient policy.' });
});

it("sends a message about a record through the record's own mailbox, with the prefix filled from the record", async () => {
  const mailboxes = (await api.request('GET', '/email-notifications/mailboxes')).body.data;
  const backup = mailboxes.find((m: any) => m.name === 'Backup');
  await api.request('PUT', `/email-notifications/mailboxes/${backup.id}`, { subjectPrefix: 'RMA#{{number}}' });
  const rma = await app.strapi.documents('api::rma.rma').create({ data: { number: 'RMA-2001', stage: 'authorized', mailbox: backup.id } });
  const plain = await app.strapi.documents('api::rma.rma').create({ data: { number: 'RMA-2002', stage: 'received' } });
  backupSink.clear();
  primarySink.clear();

  await notifications.send({ to: 'ada@example.com', subject: 'Stage changed', text: 'x', record: { contentType: 'api::rma.rma', documentId: rma.documentId } });
  const [received] = await backupSink.waitForMessages(1);
  expect(received.subject).toBe('RMA#RMA-2001 Stage changed');

  await notifications.send({ to: 'ada@example.com', subject: 'No own mailbox', text: 'x', record: { contentType: 'api::rma.rma', documentId: plain.documentId } });
  const [viaDefault] = await primarySink.waitForMessages(1);
  expect(viaDefault.subject).toBe('No own mailbox');

  await expect(notifications.send({ to: 'a@example.com', subject: 's', text: 't', record: { contentType: 'api::rma.rma', documentId: 'gone' } })).rejects.toMatchObject({
    problems: [{ path: 'record.documentId' }],
  });
  await expect(notifications.send({ to: 'a@example.com', subject: 's', text: 't', record: { contentType: 'api::nope.nope', documentId: 'x' } })).rejects.toMatchObject({
    problems: [{ path: 'record.contentType' }],
  });

  // Private attributes cannot be reached: a prefix naming one is left out.
  await app.strapi.documents('api::rma.rma').update({ documentId: rma.documentId, data: { notes: 'visible', internalNotes: 'secret' } });
  for (const [prefix, expected] of [['#{{notes}}', '#visible With notes'], ['#{{internalNotes}}', 'With notes']]) {
    await api.request('PUT', `/email-notifications/mailboxes/${backup.id}`, { subjectPrefix: prefix });
    backupSink.clear();
    await notifications.send({ to: 'ada@example.com', subject: 'With notes', text: 'x', record: { contentType: 'api::rma.rma', documentId: rma.documentId } });
    expect((await backupSink.waitForMessages(1))[0]!.subject).toBe(expected);
  }
  // Nor can fields the admin marked sensitive.
  await api.request('PUT', '/email-notifications/settings', { privacy: { sensitiveFields: { 'api::rma.rma': ['notes'] } } });
  await api.request('PUT', `/email-notifications/mailboxes/${backup.id}`, { subjectPrefix: '#{{notes}}' });
  backupSink.clear();
  await notifications.send({ to: 'ada@example.com', subject: 'With notes', text: 'x', record: { contentType: 'api::rma.rma', documentId: rma.documentId } });
  expect((await backupSink.waitForMessages(1))[0]!.subject).toBe('With notes');
  await api.request('PUT', '/email-notifications/settings', { privacy: { sensitiveFields: null } });
  await api.request('PUT', `/email-notifications/mailboxes/${backup.id}`, { subjectPrefix: '' });
});
