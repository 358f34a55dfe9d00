/*
 * Crash: an instance is killed (SIGKILL) while it is sending; a restarted instance delivers every
 * message. Messages the dead instance had in flight may be delivered twice: the test counts them and
 * checks they stay within what can be in flight (the worker's concurrency plus one unflushed batch).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { spawnInstance, type ChildInstance } from '../helpers/instances';
import { FAST_DELIVERY, messageRows, pluginConfigEnv, waitFor, waitForSettled, sinkUrl } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

const COUNT = 300;
const CONCURRENCY = 10;
let sink: SmtpSink;
let enqueuer: Playground;
let dir: string;
const children: ChildInstance[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'en-crash-'));
  sink = await startSmtpSink();
  sink.setFaults({ delayMs: 40 });
});
afterAll(async () => {
  await Promise.all(children.map((c) => c.stop()));
  await enqueuer?.stop();
  await sink?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('loses nothing when the sending instance is killed, and bounds the duplicates', async () => {
  const databaseFile = path.join(dir, 'data.db');
  const delivery = { ...FAST_DELIVERY.delivery, concurrency: CONCURRENCY, leaseMs: 3000, flushIntervalMs: 50 };
  const env = { EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port) };
  // This process only enqueues (its worker is off); the child instances send.
  enqueuer = await startPlayground({ databaseFile, env: { ...env, ...pluginConfigEnv({ ...FAST_DELIVERY, delivery: { ...delivery, workerEnabled: false } }) } });
  const notifications = enqueuer.strapi.plugin('email-notifications').service('notifications');
  await notifications.sendMany(Array.from({ length: COUNT }, (_, i) => ({ to: `customer${i}@example.com`, subject: `Crash ${i}`, text: `message ${i}` })));

  const doomed = await spawnInstance(databaseFile, { ...env, ...pluginConfigEnv({ ...FAST_DELIVERY, delivery }) });
  children.push(doomed);
  await sink.waitForMessages(60, 60_000);
  await doomed.kill();
  const deliveredBeforeCrash = sink.messages.length;
  const inFlightAtCrash = (await messageRows(enqueuer.strapi, { status: 'sending' })).length;

  const survivor = await spawnInstance(databaseFile, { ...env, ...pluginConfigEnv({ ...FAST_DELIVERY, delivery }) });
  children.push(survivor);
  await waitFor(async () => (await messageRows(enqueuer.strapi, { status: 'sent' })).length === COUNT, 120_000, 200);
  await waitForSettled(enqueuer.strapi, 30_000);

  const deliveries = new Map<string, number>();
  for (const m of sink.messages) deliveries.set(m.subject!, (deliveries.get(m.subject!) ?? 0) + 1);
  const duplicates = sink.messages.length - deliveries.size;
  console.log(
    `crash test: ${deliveredBeforeCrash} delivered before SIGKILL, ${inFlightAtCrash} leased at the crash, ` +
      `${COUNT} delivered in the end, ${duplicates} delivered twice`,
  );
  expect(deliveries.size).toBe(COUNT);
  expect(duplicates).toBeLessThanOrEqual(inFlightAtCrash);
  expect(duplicates).toBeLessThanOrEqual(2 * CONCURRENCY);
  const reclaimed = (await messageRows(enqueuer.strapi)).filter((r: any) => (r.attemptLog ?? []).some((a: any) => a.outcome === 'lease-expired'));
  expect(reclaimed.length).toBeGreaterThan(0);
  expect(reclaimed.length).toBeLessThanOrEqual(inFlightAtCrash);
}, 240_000);
