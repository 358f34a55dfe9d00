/*
 * A crash between queueing and running an action loses nothing: an instance with queued action runs
 * (and one it is running, against a receiver that never answers) is killed with SIGKILL; the next
 * instance on the same database runs every one of them, once its lease of the running one expires,
 * with the same webhook-id as before the crash.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adminApi, type AdminApi } from '../helpers/admin-api';
import { spawnInstance, type ChildInstance } from '../helpers/instances';
import { FAST_DELIVERY, pluginConfigEnv, waitFor } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

const BASE = '/email-notifications/smtp-event-rules';
const RUN_UID = 'plugin::email-notifications.event-action-run';

let tmpDir: string;
let receiver: WebhookReceiver;
let child: ChildInstance | null = null;
let app: Playground | null = null;

beforeAll(async () => {
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'en-events-crash-'));
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await child?.kill();
  await app?.stop();
  await receiver?.close();
  fs.rmSync(tmpDir, { recursive: true, force: true });
});

it('runs the queued and the interrupted action runs of a killed instance on the next one', async () => {
  const databaseFile = path.join(tmpDir, 'data.db');
  const env = pluginConfigEnv({ ...FAST_DELIVERY, events: { allowedHosts: ['127.0.0.1'], concurrency: 1, pollIntervalMs: 50, leaseMs: 2000, webhookTimeoutMs: 60_000 } });
  receiver.answers = ['hang'];
  const t0 = Date.now();
  child = await spawnInstance(databaseFile, env);
  console.log('child up', Date.now() - t0);
  const api: AdminApi = await adminApi(child.url);
  const created = await api.request('POST', BASE, { name: 'Crash-proof', eventType: 'final-delivery-failed', actions: [{ type: 'webhook', url: receiver.url }] });
  expect(created.status).toBe(201);
  const id = created.body.data.id;
  for (let i = 0; i < 3; i += 1) expect((await api.request('POST', `${BASE}/${id}/test`)).status).toBe(200);
  // One run is in flight (its receiver never answers), two wait behind it (concurrency 1).
  await waitFor(async () => receiver.calls.length === 1, 10_000);
  const before = (await api.request('GET', `${BASE}/${id}/history`)).body.results;
  expect(before.map((r: any) => r.status).sort()).toEqual(['queued', 'queued', 'running']);
  const interruptedId = receiver.calls[0]!.headers['webhook-id'];

  console.log('killing', Date.now() - t0);
  await child.kill();
  child = null;
  receiver.answers = [200];
  app = await startPlayground({ databaseFile, env });
  console.log('app up', Date.now() - t0);
  const runs = await waitFor(async () => {
    const rows = await app!.strapi.db.query(RUN_UID).findMany({ where: { ruleKey: String(id) } });
    return rows.length === 3 && rows.every((r: any) => r.status === 'succeeded') && rows;
  }, 20_000);
  expect(runs).toHaveLength(3);
  expect(receiver.calls).toHaveLength(4);
  const ids = receiver.calls.map((c) => c.headers['webhook-id']);
  expect(new Set(ids).size).toBe(3);
  // The interrupted run is the same message again (receivers can tell the repeat by its id).
  expect(ids.filter((i) => i === interruptedId)).toHaveLength(2);
  expect(receiver.verifyAll(created.body.webhookSecret)).toHaveLength(4);
}, 300_000);
