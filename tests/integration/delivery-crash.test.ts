/*
 * A delivery that stops with an unexpected error (here: the database table behind "registered users
 * only" disappears mid-run) must not strand its message in `sending` until the lease ends: it goes
 * back to the queue at once with the real error recorded as an attempt, and is sent once the fault
 * is gone.
 */
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { FAST_DELIVERY, messageRows, pluginConfigEnv, sinkUrl, waitFor } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

let app: Playground;
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startPlayground({
    env: {
      EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port),
      // Retries stay close together and plentiful, so the message is still queued when the fault is fixed.
      ...pluginConfigEnv({ ...FAST_DELIVERY, delivery: { ...FAST_DELIVERY.delivery, maxAttempts: 100, backoffBaseMs: 300, backoffMaxMs: 600 } }),
    },
  });
});
afterAll(async () => {
  await app?.stop();
  await sink?.close();
});

it('puts a message whose delivery crashed back in the queue with the error, then sends it', async () => {
  const strapi = app.strapi;
  await strapi.documents('api::customer.customer').create({ data: { name: 'Ada', email: 'ada@example.com' } });
  await strapi.db.query('plugin::email-notifications.mailbox').updateMany({ where: { isDefault: true }, data: { allowedRecipients: 'registered' } });
  await strapi.db.connection.schema.renameTable('customers', 'customers_away');
  // The worker reloads mailboxes every 2 s: wait until it routes with the new policy.
  await new Promise((resolve) => setTimeout(resolve, 2500));

  const { messageId } = await strapi.plugin('email-notifications').service('notifications').send({ to: 'ada@example.com', subject: 'Crash test', text: 'Hello' });
  const crashed = await waitFor(async () => {
    const [row] = await messageRows(strapi, { documentId: messageId });
    return row.status === 'queued' && row.attemptLog.length > 0 ? row : null;
  }, 10_000);
  expect(crashed.lastError).toMatch(/customers/);
  expect(crashed.attempts).toBeGreaterThanOrEqual(1);
  expect(crashed.leaseOwner).toBeNull();
  expect(crashed.attemptLog[0]).toMatchObject({ outcome: 'retry', error: expect.stringMatching(/customers/), note: expect.stringMatching(/unexpected error/) });

  await strapi.db.connection.schema.renameTable('customers_away', 'customers');
  const [received] = await sink.waitForMessages(1, 15_000);
  expect(received.subject).toBe('Crash test');
  const sent = await waitFor(async () => {
    const [row] = await messageRows(strapi, { documentId: messageId });
    return row.status === 'sent' ? row : null;
  });
  expect(sent.attemptLog.at(-1)).toMatchObject({ outcome: 'sent' });
});
