/*
 * A crash between queueing and running an action loses nothing: an instance with queued action runs
 * (and one it is running, against a receiver that never answers) is killed with SIGKILL; the next
 * instance on the same database runs every one of them, the interrupted one once its lease expires,
 * with the same webhook-id as before the crash. The in-process instance serves the API and runs none.
 */
import { adminApi, type AdminApi } from '../helpers/admin-api';
import { spawnInstance, type ChildInstance } from '../helpers/instances';
import { FAST_DELIVERY, pluginConfigEnv, waitFor } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

const BASE = '/email-notifications/smtp-event-rules';
const RUN_UID = 'plugin::email-notifications.event-action-run';
const events = { allowedHosts: ['127.0.0.1'], concurrency: 1, pollIntervalMs: 50, leaseMs: 2000, webhookTimeoutMs: 60_000 };

let receiver: WebhookReceiver;
let app: Playground;
let api: AdminApi;
const children: ChildInstance[] = [];

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  app = await startPlayground({ env: pluginConfigEnv({ ...FAST_DELIVERY, events: { ...events, runnerEnabled: false } }) });
  api = await adminApi(app.url);
}, 180_000);
afterAll(async () => {
  await Promise.all(children.map((c) => c.kill()));
  await app?.stop();
  await receiver?.close();
});

const runner = () => spawnInstance(app.databaseFile, pluginConfigEnv({ ...FAST_DELIVERY, events }));

it('runs the queued and the interrupted action runs of a killed instance on the next one', async () => {
  receiver.answers = ['hang'];
  const doomed = await runner();
  children.push(doomed);
  const created = await api.request('POST', BASE, { name: 'Crash-proof', eventType: 'final-delivery-failed', actions: [{ type: 'webhook', url: receiver.url }] });
  expect(created.status).toBe(201);
  const id = created.body.data.id;
  for (let i = 0; i < 3; i += 1) expect((await api.request('POST', `${BASE}/${id}/test`)).status).toBe(200);
  // One run is in flight in the child (its receiver never answers); two wait behind it (concurrency 1).
  await waitFor(async () => receiver.calls.length === 1, 20_000);
  const before = (await api.request('GET', `${BASE}/${id}/history`)).body.results;
  expect(before.map((r: any) => r.status).sort()).toEqual(['queued', 'queued', 'running']);
  const interruptedId = receiver.calls[0]!.headers['webhook-id'];

  await doomed.kill();
  receiver.answers = [200];
  children.push(await runner());
  const runs = await waitFor(async () => {
    const rows = await app.strapi.db.query(RUN_UID).findMany({ where: { ruleKey: String(id) } });
    return rows.length === 3 && rows.every((r: any) => r.status === 'succeeded') && rows;
  }, 30_000);
  expect(runs).toHaveLength(3);
  expect(receiver.calls).toHaveLength(4);
  const ids = receiver.calls.map((c) => c.headers['webhook-id']);
  expect(new Set(ids).size).toBe(3);
  // The interrupted run is the same message again (receivers can tell the repeat by its id).
  expect(ids.filter((i) => i === interruptedId)).toHaveLength(2);
  expect(receiver.verifyAll(created.body.webhookSecret)).toHaveLength(4);
}, 300_000);
