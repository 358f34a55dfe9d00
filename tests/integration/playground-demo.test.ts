/*
 * The demo's seeded set-up works as the README's tour says: the RMA template and three rules exist,
 * the turn-around-time rule finds the overdue RMAs once, and authorising an RMA mails its customer.
 */
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { adminApi, type AdminApi } from '../helpers/admin-api';
import { FAST_DELIVERY, pluginConfigEnv, sinkUrl, waitFor, waitForSettled } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

let app: Playground;
let sink: SmtpSink;
let api: AdminApi;

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startPlayground({ env: { PLAYGROUND_SEED: 'true', EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port), ...pluginConfigEnv(FAST_DELIVERY) } });
  api = await adminApi(app.url);
});
afterAll(async () => {
  await app?.stop();
  await sink?.close();
});

it('seeds the RMA template and the three rules, and they work', async () => {
  const rules = (await api.request('GET', '/email-notifications/rules')).body.data;
  expect(rules.map((r: any) => r.name)).toEqual(['RMA authorised: tell the customer', 'Morning list: RMAs waiting for authorisation', 'RMA turn-around time exceeded']);

  // The scheduler's first scan finds the two seeded RMAs that are past their turn-around time.
  await waitFor(async () => sink.messages.length >= 2);
  await waitForSettled(app.strapi);
  expect(sink.messages.map((m) => m.subject).sort()).toEqual(['RMA RMA-1002 is overdue', 'RMA RMA-1004 is overdue']);
  sink.clear();

  const [rma] = await app.strapi.documents('api::rma.rma').findMany({ filters: { number: 'RMA-1001' } });
  await app.strapi.documents('api::rma.rma').update({ documentId: rma.documentId, data: { stage: 'authorized' } });
  await app.strapi.plugin('email-notifications').service('rules').idle();
  await waitForSettled(app.strapi);
  expect(sink.messages.map((m) => [m.subject, m.envelope.to.join()])).toEqual([['Your RMA RMA-1001 is now authorized', 'ada@example.com']]);
  expect(sink.messages[0]!.text).toContain('moved from received to authorized');
  sink.clear();

  const tat = rules.find((r: any) => r.name === 'RMA turn-around time exceeded');
  // Once per stay in the condition: running the scan again sends nothing new.
  await api.request('POST', `/email-notifications/rules/${tat.id}/run`);
  await waitForSettled(app.strapi);
  expect(sink.messages).toHaveLength(0);
});
