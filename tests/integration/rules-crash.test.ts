/*
 * Crash between a save and the outbox: an instance saves an RMA whose stage moves to "authorized"
 * through the Content Manager, commits, and is killed (SIGKILL) before it queues the notification
 * (held there by the test-only pause). The firing row survives the crash; a restarted instance's
 * sweep finishes it, and the customer gets the notification exactly once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { adminApi } from '../helpers/admin-api';
import { spawnInstance, type ChildInstance } from '../helpers/instances';
import { FAST_DELIVERY, messageRows, pluginConfigEnv, sinkUrl, waitFor, waitForSettled } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';
import { AUTHORISED_RULE, recordFirings } from '../helpers/record-firings';

const GRACE_MS = 1000;

let sink: SmtpSink;
let observer: Playground;
let dir: string;
const children: ChildInstance[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'en-rules-crash-'));
  sink = await startSmtpSink();
});
afterAll(async () => {
  await Promise.all(children.map((c) => c.stop()));
  await observer?.stop();
  await sink?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('sends the notification of a save committed just before a crash exactly once, after the restart', async () => {
  const databaseFile = path.join(dir, 'data.db');
  const env = { EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port) };
  const config = pluginConfigEnv({ ...FAST_DELIVERY, rules: { tickIntervalMs: 200, recoverFiringsAfterMs: GRACE_MS } });
  // This process creates the schema, the rule and the records, and watches; it neither evaluates rules nor sends.
  observer = await startPlayground({ databaseFile, env: { ...env, ...pluginConfigEnv({ ...FAST_DELIVERY, delivery: { ...FAST_DELIVERY.delivery, workerEnabled: false }, rules: { enabled: false } }) } });
  await observer.strapi.plugin('email-notifications').service('rules').create(AUTHORISED_RULE);
  const customer = await observer.strapi.documents('api::customer.customer').create({ data: { name: 'Ada', email: 'ada@example.com' } });
  const rma = await observer.strapi.documents('api::rma.rma').create({ data: { number: 'RMA-1001', stage: 'received', customer: customer.documentId } });
  await adminApi(observer.url);
  const firings = () => recordFirings(observer.strapi, rma.documentId);
  const mails = () => messageRows(observer.strapi, { originType: 'rule' });

  const doomed = await spawnInstance(databaseFile, { ...env, ...config, EMAIL_NOTIFICATIONS_TEST_PAUSE_AFTER_COMMIT_MS: '600000' });
  children.push(doomed);
  const editor = await adminApi(doomed.url);
  const saved = await editor.request('PUT', `/content-manager/collection-types/api::rma.rma/${rma.documentId}`, { stage: 'authorized' });
  expect(saved.status).toBe(200);
  // Committed: the stage and the pending firing are visible from another connection; nothing is queued yet.
  const [pending] = await waitFor(async () => {
    const rows = await firings();
    return rows.length ? rows : null;
  });
  expect(pending).toMatchObject({ status: 'pending', event: 'update', previous: expect.objectContaining({ stage: 'received' }) });
  expect((await observer.strapi.documents('api::rma.rma').findOne({ documentId: rma.documentId })).stage).toBe('authorized');
  expect(await mails()).toEqual([]);
  await doomed.kill();

  await new Promise((resolve) => setTimeout(resolve, GRACE_MS * 2));
  expect(await mails()).toEqual([]);
  expect(sink.messages).toHaveLength(0);

  const restarted = await spawnInstance(databaseFile, { ...env, ...config });
  children.push(restarted);
  await sink.waitForMessages(1, 60_000);
  // Several more sweeps: a second message would show by now.
  await new Promise((resolve) => setTimeout(resolve, GRACE_MS * 3));
  await waitForSettled(observer.strapi);
  expect(sink.messages.map((m) => [m.envelope.to.join(), m.subject])).toEqual([['ada@example.com', 'RMA RMA-1001 is authorised']]);
  expect(sink.messages[0]!.text).toContain('RMA RMA-1001 moved from received to authorized.');
  const rows = await mails();
  expect(rows.map((r: any) => [r.idempotencyKey, r.status])).toEqual([[pending.key, 'sent']]);
  expect(await firings()).toEqual([expect.objectContaining({ key: pending.key, status: 'done', handled: 1 })]);
}, 240_000);
