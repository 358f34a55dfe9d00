/*
 * Max frequency with three Strapi instances on one PostgreSQL database: a storm of 500 refused
 * deliveries, shared by the instances' workers, makes exactly one web page call per window; the
 * next window's call reports the 499 folded events. The database is created and dropped by the test;
 * without a server the case is skipped with the reason (REQUIRE_DATABASES=1 makes that a failure).
 */
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { postgres, probeDatabasesSync, type TestDatabase } from '../helpers/databases';
import { adminApi } from '../helpers/admin-api';
import { startThreeInstances, type ThreeInstances } from '../helpers/instances';
import { FAST_DELIVERY, pluginConfigEnv, sinkUrl, waitFor } from '../helpers/outbox';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

const probe = probeDatabasesSync();
const BASE = '/email-notifications/smtp-event-rules';

if (probe.postgres) console.log(`Skipping the PostgreSQL SMTP events test: ${probe.postgres}`);
(probe.postgres ? describe.skip : describe)('an SMTP failure storm on three instances sharing PostgreSQL', () => {
  let db: TestDatabase;
  let okSink: SmtpSink;
  let refusingSink: SmtpSink;
  let receiver: WebhookReceiver;
  let cluster: ThreeInstances | undefined;

  beforeAll(async () => {
    const availability = await postgres();
    if (!availability.ok) throw new Error(availability.reason);
    db = await availability.create();
    okSink = await startSmtpSink();
    refusingSink = await startSmtpSink();
    refusingSink.setFaults({ rejectRecipient: /./ });
    receiver = await startWebhookReceiver();
    const env = {
      ...db.env,
      EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(okSink.port),
      ...pluginConfigEnv({ ...FAST_DELIVERY, delivery: { ...FAST_DELIVERY.delivery, concurrency: 8 }, events: { allowedHosts: ['127.0.0.1'], pollIntervalMs: 50 } }),
    };
    cluster = await startThreeInstances(env);
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
    await Promise.all([okSink?.close(), refusingSink?.close(), receiver?.close()]);
    await db?.drop();
  }, 60_000);

  it('calls the web page once per window, and the next window reports the folded events', async () => {
    const strapi = cluster!.inProcess.strapi;
    const api = await adminApi(cluster!.inProcess.url);
    await api.request('POST', '/email-notifications/mailboxes', { name: 'Refusing', fromAddress: 'refusing@example.com', host: '127.0.0.1', port: refusingSink.port, security: 'none', priority: 50 });
    const created = await api.request('POST', BASE, { name: 'Storm', eventType: 'final-delivery-failed', maxFrequencyMinutes: 60, actions: [{ type: 'webhook', url: receiver.url }] });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    // The other instances see the new mailbox within their 2 s routing refresh.
    await new Promise((r) => setTimeout(r, 2500));

    const notifications = strapi.plugin('email-notifications').service('notifications');
    await notifications.sendMany(Array.from({ length: 500 }, (_, i) => ({ to: `user${i}@customer.example`, subject: `Storm ${i}`, text: 'x', mailbox: 'Refusing' })));
    await waitFor(async () => (await strapi.db.query('plugin::email-notifications.message').count({ where: { status: 'failed' } })) === 500, 180_000, 250);
    const window = await waitFor(async () => {
      const row = await strapi.db.query('plugin::email-notifications.event-window').findOne({ where: { ruleKey: String(id) } });
      return row && row.foldedTotal === 499 && row;
    }, 30_000);
    expect(window.foldedTotal).toBe(499);
    await waitFor(async () => receiver.calls.length >= 1, 10_000);
    await new Promise((r) => setTimeout(r, 1000)); // a second call would arrive by now
    expect(receiver.calls).toHaveLength(1);

    // Every instance took part in the storm (each recorded failures from its own deliveries).
    await new Promise((r) => setTimeout(r, 1500));
    const workers = await strapi.db.query('plugin::email-notifications.worker').findMany({ where: { stoppedAt: { $null: true } } });
    expect(workers.filter((w: any) => w.failedCount > 0).length).toBe(3);

    await strapi.db.query('plugin::email-notifications.event-window').update({ where: { ruleKey: String(id) }, data: { openedAt: new Date(Date.now() - 61 * 60_000) } });
    await notifications.send({ to: 'late@customer.example', subject: 'After the storm', text: 'x', mailbox: 'Refusing' });
    await waitFor(async () => receiver.calls.length === 2, 30_000);
    const payloads = receiver.verifyAll(created.body.webhookSecret);
    expect(payloads[1].data.folded).toMatchObject({ count: 499 });
    const runs = await strapi.db.query('plugin::email-notifications.event-action-run').findMany({ where: { ruleKey: String(id) } });
    expect(runs.map((r: any) => r.status)).toEqual(['succeeded', 'succeeded']);
  }, 300_000);
});
