/*
 * A flaky SMTP server: 30% of messages answered 451 and 10% of connections dropped during DATA.
 * 1,000 messages all end sent; none lost; none delivered twice.
 */
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { FAST_DELIVERY, messageRows, pluginConfigEnv, waitForSettled, sinkUrl } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

const COUNT = 1000;
let app: Playground;
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  sink.setFaults({ tempFailRate: 0.3, dropRate: 0.1, seed: 20261125 });
  app = await startPlayground({
    env: {
      EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port),
      // 40% of tries fail: with 30 attempts the odds of a message failing for good are 1e-12.
      ...pluginConfigEnv({ ...FAST_DELIVERY, delivery: { ...FAST_DELIVERY.delivery, maxAttempts: 30, backoffBaseMs: 100, backoffMaxMs: 300, circuitBreakMs: 200, circuitBreakMaxMs: 500 } }),
    },
  });
});
afterAll(async () => {
  await app?.stop();
  await sink?.close();
});

it('delivers every one of 1,000 messages exactly once through a flaky server', async () => {
  const notifications = app.strapi.plugin('email-notifications').service('notifications');
  const inputs = Array.from({ length: COUNT }, (_, i) => ({ to: `customer${i}@example.com`, subject: `Flaky ${i}`, text: `message ${i}` }));
  await notifications.sendMany(inputs);
  await waitForSettled(app.strapi, 240_000);

  const rows = await messageRows(app.strapi);
  const byStatus = rows.reduce((acc: Record<string, number>, r: any) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
  expect(byStatus).toEqual({ sent: COUNT });

  const deliveries = new Map<string, number>();
  for (const m of sink.messages) deliveries.set(m.subject!, (deliveries.get(m.subject!) ?? 0) + 1);
  expect(deliveries.size).toBe(COUNT);
  expect([...deliveries.values()].every((n) => n === 1)).toBe(true);

  const retried = rows.filter((r: any) => r.attempts > 1).length;
  expect(sink.stats.tempFailed).toBeGreaterThan(200);
  expect(sink.stats.dropped).toBeGreaterThan(50);
  expect(retried).toBeGreaterThan(300);
  console.log(`flaky server: ${sink.stats.tempFailed} answered 451, ${sink.stats.dropped} dropped; ${retried} messages needed more than one attempt; all ${COUNT} delivered once`);
}, 300_000);
