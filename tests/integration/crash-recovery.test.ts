/*
 * Crash: an instance is killed (SIGKILL) while it is sending; a restarted instance delivers every
 * message. Messages the dead instance had in flight may be delivered twice: the test counts them and
 * checks they stay within what can be in flight (the worker's concurrency plus one unflushed batch).
 * The restarted instance takes over the dead one's leases at once, however long they are; an instance
 * that stops beating (frozen) loses its messages after three missed heartbeats; and a living instance
 * renews its own leases, so a send slower than the lease is not sent twice.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { spawnInstance, type ChildInstance } from '../helpers/instances';
import { FAST_DELIVERY, messageRows, pluginConfigEnv, waitFor, waitForSettled, sinkUrl } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

const CONCURRENCY = 10;
let sink: SmtpSink;
let enqueuer: Playground | null = null;
let dir: string;
const children: ChildInstance[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'en-crash-'));
  sink = await startSmtpSink();
});
afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => c.stop()));
  await enqueuer?.stop();
  enqueuer = null;
  sink.clear();
});
afterAll(async () => {
  await sink?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Delivery = Record<string, unknown>;

/** Queues `count` messages from an instance in this process whose worker is off; the child instances send. */
async function queueMessages(databaseFile: string, delivery: Delivery, count: number, subject: string) {
  const env = { EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port), ...pluginConfigEnv({ ...FAST_DELIVERY, delivery: { ...delivery, workerEnabled: false } }) };
  enqueuer = await startPlayground({ databaseFile, env });
  const notifications = enqueuer.strapi.plugin('email-notifications').service('notifications');
  await notifications.sendMany(Array.from({ length: count }, (_, i) => ({ to: `customer${i}@example.com`, subject: `${subject} ${i}`, text: `message ${i}` })));
  return enqueuer;
}

async function startSender(databaseFile: string, delivery: Delivery): Promise<ChildInstance> {
  const child = await spawnInstance(databaseFile, { EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port), ...pluginConfigEnv({ ...FAST_DELIVERY, delivery }) });
  children.push(child);
  return child;
}

/** Queues `count` messages, lets a child instance send until `before` arrived, then kills it (SIGKILL). */
async function killMidDrain(name: string, count: number, before: number, delivery: Delivery) {
  const databaseFile = path.join(dir, `${name}.db`);
  const app = await queueMessages(databaseFile, delivery, count, name);
  const doomed = await startSender(databaseFile, delivery);
  await sink.waitForMessages(before, 60_000);
  await doomed.kill();
  const inFlight = (await messageRows(app.strapi, { status: 'sending' })).map((r: any) => r.documentId as string);
  return { app, databaseFile, deliveredBeforeCrash: sink.messages.length, inFlight };
}

/** How many subjects arrived, and how many arrivals were repeats. */
function deliveryCounts() {
  const deliveries = new Map<string, number>();
  for (const m of sink.messages) deliveries.set(m.subject!, (deliveries.get(m.subject!) ?? 0) + 1);
  return { distinct: deliveries.size, duplicates: sink.messages.length - deliveries.size };
}

const interrupted = (row: any) => (row.attemptLog ?? []).filter((a: any) => a.outcome === 'lease-expired');

/** Waits until `count` messages matching `where` are sent. */
async function waitUntilSent(app: Playground, count: number, timeoutMs: number, where: Record<string, unknown> = {}) {
  await waitFor(async () => (await messageRows(app.strapi, { ...where, status: 'sent' })).length === count, timeoutMs, 100);
}

/** The notes of the take-overs in the history of these messages. */
async function takeOverNotes(app: Playground, documentIds: string[]): Promise<string[]> {
  return (await messageRows(app.strapi, { documentId: { $in: documentIds } })).flatMap((r: any) => interrupted(r).map((a: any) => a.note));
}

it('loses nothing when the sending instance is killed, and bounds the duplicates', async () => {
  const COUNT = 300;
  sink.setFaults({ delayMs: 40 });
  const delivery = { ...FAST_DELIVERY.delivery, concurrency: CONCURRENCY, leaseMs: 3000, flushIntervalMs: 50 };
  const { app, databaseFile, deliveredBeforeCrash, inFlight } = await killMidDrain('Crash', COUNT, 60, delivery);
  const inFlightAtCrash = inFlight.length;

  await startSender(databaseFile, delivery);
  await waitUntilSent(app, COUNT, 120_000);
  await waitForSettled(app.strapi, 30_000);

  const { distinct, duplicates } = deliveryCounts();
  console.log(
    `crash test: ${deliveredBeforeCrash} delivered before SIGKILL, ${inFlightAtCrash} leased at the crash, ` +
      `${COUNT} delivered in the end, ${duplicates} delivered twice`,
  );
  expect(distinct).toBe(COUNT);
  expect(duplicates).toBeLessThanOrEqual(inFlightAtCrash);
  expect(duplicates).toBeLessThanOrEqual(2 * CONCURRENCY);
  const reclaimed = (await messageRows(app.strapi)).filter((r: any) => interrupted(r).length > 0);
  expect(reclaimed.length).toBeGreaterThan(0);
  expect(reclaimed.length).toBeLessThanOrEqual(inFlightAtCrash);
}, 240_000);

it('sends what the killed instance had in flight within a minute of the restart, not after its lease', async () => {
  const COUNT = 200;
  sink.setFaults({ delayMs: 300 });
  // A five-minute lease and the default heartbeat: neither may make the restarted instance wait.
  const delivery = { ...FAST_DELIVERY.delivery, concurrency: CONCURRENCY, leaseMs: 300_000, heartbeatIntervalMs: 10_000 };
  const { app, databaseFile, inFlight } = await killMidDrain('Restart', COUNT, 40, delivery);
  expect(inFlight.length).toBeGreaterThan(0);

  await startSender(databaseFile, delivery);
  const restartedAt = Date.now();
  await waitUntilSent(app, inFlight.length, 60_000, { documentId: { $in: inFlight } });
  const inFlightSentAfterMs = Date.now() - restartedAt;
  await waitUntilSent(app, COUNT, 120_000);

  const { distinct, duplicates } = deliveryCounts();
  console.log(`restart test: ${inFlight.length} in flight at the SIGKILL, all sent ${inFlightSentAfterMs} ms after the restart, ${duplicates} delivered twice`);
  expect(distinct).toBe(COUNT);
  expect(duplicates).toBeLessThanOrEqual(inFlight.length);
  const notes = await takeOverNotes(app, inFlight);
  expect(notes).toHaveLength(inFlight.length);
  for (const note of notes) expect(note).toMatch(/has exited/);
}, 240_000);

it('takes over the messages of an instance that stopped beating (frozen), and the mail log shows it down', async () => {
  const COUNT = 150;
  sink.setFaults({ delayMs: 300 });
  const databaseFile = path.join(dir, 'frozen.db');
  const delivery = { ...FAST_DELIVERY.delivery, concurrency: CONCURRENCY, leaseMs: 300_000, heartbeatIntervalMs: 1000 };
  const app = await queueMessages(databaseFile, delivery, COUNT, 'Frozen');
  const [frozen, other] = await Promise.all([startSender(databaseFile, delivery), startSender(databaseFile, delivery)]);
  await sink.waitForMessages(30, 60_000);
  // A stopped process still exists: only its silence tells that it is gone.
  frozen!.process.kill('SIGSTOP');
  const ownedByFrozen = (r: any) => String(r.leaseOwner ?? '').includes(`:${frozen!.process.pid}:`);
  const held = (await messageRows(app.strapi, { status: 'sending' })).filter(ownedByFrozen).map((r: any) => r.documentId as string);
  expect(held.length).toBeGreaterThan(0);
  try {
    await waitUntilSent(app, held.length, 20_000, { documentId: { $in: held } });
    const health = await app.strapi.plugin('email-notifications').service('messages').health();
    const alive = Object.fromEntries(health.workers.map((w: any) => [w.pid, w.alive]));
    expect(alive).toEqual({ [frozen!.process.pid!]: false, [other!.process.pid!]: true });
  } finally {
    frozen!.process.kill('SIGCONT');
  }
  await waitUntilSent(app, COUNT, 120_000);

  const { distinct, duplicates } = deliveryCounts();
  expect(distinct).toBe(COUNT);
  expect(duplicates).toBeLessThanOrEqual(held.length);
  const notes = await takeOverNotes(app, held);
  expect(notes).toHaveLength(held.length);
  for (const note of notes) expect(note).toMatch(/has written no heartbeat for \d+ s/);
}, 240_000);

it('renews the leases of a send slower than the lease, so it is sent once', async () => {
  sink.setFaults({ delayMs: 2500 });
  const delivery = { ...FAST_DELIVERY.delivery, leaseMs: 1500, heartbeatIntervalMs: 500 };
  enqueuer = await startPlayground({ env: { EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port), ...pluginConfigEnv({ ...FAST_DELIVERY, delivery }) } });
  const notifications = enqueuer.strapi.plugin('email-notifications').service('notifications');
  await notifications.sendMany(Array.from({ length: 4 }, (_, i) => ({ to: `slow${i}@example.com`, subject: `Slow ${i}`, text: 'slow relay' })));
  await waitUntilSent(enqueuer, 4, 30_000);
  await waitForSettled(enqueuer.strapi);
  await new Promise((r) => setTimeout(r, 3000)); // a second delivery, had there been one, would arrive meanwhile

  expect(deliveryCounts()).toEqual({ distinct: 4, duplicates: 0 });
  const rows = await messageRows(enqueuer.strapi);
  expect(rows.map((r: any) => [r.attempts, interrupted(r).length])).toEqual([[1, 0], [1, 0], [1, 0], [1, 0]]);
}, 120_000);
