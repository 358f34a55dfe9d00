/*
 * The mail log API (list, filters, detail, retry, cancel, delete, health), the admin-editable settings,
 * retention, and Strapi's own email (admin password reset) captured into the outbox with its reset
 * link masked in every stored and displayed copy.
 */
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { adminApi, ADMIN, type AdminApi } from '../helpers/admin-api';
import { FAST_DELIVERY, messageRows, pluginConfigEnv, waitFor, waitForSettled, sinkUrl } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

let app: Playground;
let sink: SmtpSink;
let api: AdminApi;
let notifications: any;

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startPlayground({
    env: { EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port), ...pluginConfigEnv(FAST_DELIVERY) },
  });
  api = await adminApi(app.url);
  notifications = app.strapi.plugin('email-notifications').service('notifications');
});
afterAll(async () => {
  await app?.stop();
  await sink?.close();
});
beforeEach(() => {
  sink.setFaults({});
  sink.clear();
});

describe('mail log', () => {
  it('lists messages by tab, filters by recipient, and pages', async () => {
    for (let i = 0; i < 3; i += 1) await notifications.send({ to: `customer${i}@example.com`, subject: `Notice ${i}`, text: 'x' });
    sink.setFaults({ rejectRecipient: 'bounce@' });
    await notifications.send({ to: 'bounce@example.com', subject: 'Will bounce', text: 'x' });
    await waitForSettled(app.strapi);

    const sent = await api.request('GET', '/email-notifications/messages?status=sent&pageSize=2');
    expect(sent.status).toBe(200);
    expect(sent.body.data.results).toHaveLength(2);
    expect(sent.body.data.pagination).toMatchObject({ page: 1, pageSize: 2, total: 3, pageCount: 2 });
    expect(sent.body.data.results[0]).toMatchObject({ status: 'sent', mailboxName: 'Default mailbox', attempts: 1 });

    const failed = await api.request('GET', '/email-notifications/messages?status=failed,cancelled');
    expect(failed.body.data.results.map((m: any) => m.subject)).toEqual(['Will bounce']);
    expect(failed.body.data.results[0].hasWarning).toBe(true);

    const byRecipient = await api.request('GET', '/email-notifications/messages?recipient=CUSTOMER1@');
    expect(byRecipient.body.data.results.map((m: any) => m.subject)).toEqual(['Notice 1']);

    const bad = await api.request('GET', '/email-notifications/messages?status=lost&pageSize=1000');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: any) => e.path.join('.')).sort()).toEqual(['pageSize', 'status.0']);
  });

  it('shows a message in detail, retries it when failed, deletes it', async () => {
    sink.setFaults({ rejectRecipient: 'later@' });
    const { messageId } = await notifications.send({ to: 'later@example.com', subject: 'Second chance', text: 'body text' });
    await waitForSettled(app.strapi);
    const detail = await api.request('GET', `/email-notifications/messages/${messageId}`);
    expect(detail.body.data).toMatchObject({ status: 'failed', text: 'body text', from: 'helpdesk@example.com', headers: { 'Auto-Submitted': 'auto-generated' } });
    expect(detail.body.data.attemptLog.at(-1)).toMatchObject({ outcome: 'failed', responseCode: 550 });

    sink.setFaults({});
    const retried = await api.request('POST', `/email-notifications/messages/${messageId}/retry`);
    expect(retried.status).toBe(200);
    expect(['queued', 'sending', 'sent']).toContain(retried.body.data.status);
    expect(retried.body.data.attemptLog.at(-1).note).toMatch(`Queued again by ${ADMIN.email}`);
    await sink.waitForMessages(1);
    await waitForSettled(app.strapi);
    expect((await api.request('GET', `/email-notifications/messages/${messageId}`)).body.data.status).toBe('sent');

    const again = await api.request('POST', `/email-notifications/messages/${messageId}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/Only failed or cancelled/);

    expect((await api.request('DELETE', `/email-notifications/messages/${messageId}`)).status).toBe(204);
    expect((await api.request('GET', `/email-notifications/messages/${messageId}`)).status).toBe(404);
  });

  it('cancels a queued message, which is then never sent', async () => {
    const { messageId } = await notifications.send({ to: 'x@example.com', subject: 'Cancel me', text: 'x', delaySeconds: 3600 });
    const res = await api.request('POST', `/email-notifications/messages/${messageId}/cancel`);
    expect(res.body.data).toMatchObject({ status: 'cancelled' });
    const outbox = await api.request('GET', '/email-notifications/messages?status=queued');
    expect(outbox.body.data.results.find((m: any) => m.id === messageId)).toBeUndefined();
  });

  it('reports health: counts, workers, and a waiting reason when no mailbox is usable', async () => {
    const health = await api.request('GET', '/email-notifications/outbox/health');
    expect(health.status).toBe(200);
    expect(health.body.data.counts.sent).toBeGreaterThan(0);
    expect(health.body.data.workers.some((w: any) => w.alive && w.pid === process.pid)).toBe(true);
    expect(health.body.data.problems).toEqual([]);

    const [mailbox] = (await api.request('GET', '/email-notifications/mailboxes')).body.data;
    await api.request('PUT', `/email-notifications/mailboxes/${mailbox.id}`, { enabled: false });
    const { messageId } = await notifications.send({ to: 'wait@example.com', subject: 'Waits', text: 'x' });
    const waiting = await waitFor(async () => {
      const [row] = await messageRows(app.strapi, { documentId: messageId });
      return row.waitingReason ? row : null;
    });
    expect(waiting.status).toBe('queued');
    expect(waiting.waitingReason).toMatch(/Every outgoing mailbox is disabled/);
    const stuck = await api.request('GET', '/email-notifications/outbox/health');
    expect(stuck.body.data.problems.map((p: any) => p.code)).toContain('NO_MAILBOX');

    await api.request('PUT', `/email-notifications/mailboxes/${mailbox.id}`, { enabled: true });
    await sink.waitForMessages(1, 15000);
    await waitForSettled(app.strapi);
  });
});

describe('settings', () => {
  it('shows effective values, saves overrides, refuses bad ones, resets with null', async () => {
    const initial = await api.request('GET', '/email-notifications/settings');
    expect(initial.body.data.values.delivery).toMatchObject({ maxAttempts: 8, deliveryDelaySeconds: 0 });
    const saved = await api.request('PUT', '/email-notifications/settings', { delivery: { maxAttempts: 3 }, retention: { deleteFailedAfterDays: 7 } });
    expect(saved.status).toBe(200);
    expect(saved.body.data.values.delivery.maxAttempts).toBe(3);
    expect(app.strapi.plugin('email-notifications').service('settings')).toBeTruthy();

    const bad = await api.request('PUT', '/email-notifications/settings', { delivery: { maxAttempts: 0, leaseMs: 5 } });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.errors.map((e: any) => e.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['delivery.maxAttempts', 'delivery']));
    expect((await api.request('GET', '/email-notifications/settings')).body.data.values.delivery.maxAttempts).toBe(3);

    const reset = await api.request('PUT', '/email-notifications/settings', { delivery: { maxAttempts: null } });
    expect(reset.body.data.values.delivery.maxAttempts).toBe(8);
    expect(reset.body.data.values.retention.deleteFailedAfterDays).toBe(7);
  });
});

describe('retention', () => {
  it('deletes old failed messages and old bodies, keeps metadata and queued messages', async () => {
    sink.setFaults({ rejectRecipient: 'old-failure@' });
    const failed = await notifications.send({ to: 'old-failure@example.com', subject: 'Old failure', text: 'x' });
    const sent = await notifications.send({ to: 'old-sent@example.com', subject: 'Old sent', text: 'old body' });
    await waitForSettled(app.strapi);
    const queued = await notifications.send({ to: 'future@example.com', subject: 'Still queued', text: 'keep me', delaySeconds: 3600 });
    const query = app.strapi.db.query('plugin::email-notifications.message');
    const longAgo = new Date(Date.now() - 40 * 86_400_000);
    // Backdate with plain SQL: the query engine would stamp updatedAt with "now".
    await app.strapi.db
      .connection('email_notifications_messages')
      .whereIn('document_id', [failed.messageId, sent.messageId, queued.messageId])
      .update({ created_at: longAgo, updated_at: longAgo, failed_at: app.strapi.db.connection.raw('CASE WHEN failed_at IS NULL THEN NULL ELSE ? END', [longAgo]) });
    const report = await app.strapi.plugin('email-notifications').service('outbox').runRetention();
    expect(report.deletedMessages).toBeGreaterThanOrEqual(1);
    expect(await query.findOne({ where: { documentId: failed.messageId } })).toBeNull();
    const purged = await query.findOne({ where: { documentId: sent.messageId } });
    expect(purged).toMatchObject({ status: 'sent', subject: 'Old sent', html: null, text: null });
    expect(purged.bodyPurgedAt).toBeTruthy();
    expect(await query.findOne({ where: { documentId: queued.messageId } })).toMatchObject({ status: 'queued', text: 'keep me' });
  });
});

describe("Strapi's own email", () => {
  it('routes an admin password reset through the outbox, masking the reset link once sent', async () => {
    const res = await fetch(`${app.url}/admin/forgot-password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN.email }),
    });
    expect(res.status).toBe(204);
    const [received] = await sink.waitForMessages(1);
    expect(received.envelope.to).toEqual([ADMIN.email]);
    const code = /reset-password\?code=([A-Za-z0-9]+)/.exec(received.html)?.[1];
    expect(code).toBeTruthy();
    await waitForSettled(app.strapi);
    const list = await api.request('GET', '/email-notifications/messages?origin=strapi-email');
    expect(list.body.data.results).toHaveLength(1);
    const detail = await api.request('GET', `/email-notifications/messages/${list.body.data.results[0].id}`);
    expect(detail.body.data.status).toBe('sent');
    expect(detail.body.data.html).toContain('reset-password?code=********');
    const [row] = await messageRows(app.strapi, { documentId: list.body.data.results[0].id });
    expect(JSON.stringify(row)).not.toContain(code);
  });

  it("covers service('email').send from other plugins and custom code", async () => {
    await app.strapi.plugin('email').service('email').send({ to: 'user@example.com', from: 'Shop <shop@example.com>', subject: 'Welcome', text: 'Hello' });
    const [received] = await sink.waitForMessages(1);
    expect(received.from).toBe('helpdesk@example.com');
    expect(received.headers['reply-to']).toBe('shop@example.com');
  });
});
