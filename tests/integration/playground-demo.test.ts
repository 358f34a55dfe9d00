/*
 * The demo's seeded set-up works as the README's tour says: the RMA template and three rules exist,
 * the turn-around-time rule finds the overdue RMAs once, and authorising an RMA mails its customer;
 * the demo's DNS server publishes the default mailbox's DKIM key, so captured mail verifies.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDemoDns, mailVerdict } from '../../playground/lib/demo-dns';
import type { TestDnsServer } from '../../playground/lib/dns-server';
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { adminApi, type AdminApi } from '../helpers/admin-api';
import { FAST_DELIVERY, pluginConfigEnv, sinkUrl, waitFor, waitForSettled } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

let app: Playground;
let sink: SmtpSink;
let api: AdminApi;
let dns: TestDnsServer;
const recordsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'en-demo-dns-')), 'records.json');

beforeAll(async () => {
  sink = await startSmtpSink();
  dns = await startDemoDns({ domain: 'example.com', recordsFile });
  const env = { PLAYGROUND_SEED: 'true', PLAYGROUND_DEMO_DNS_FILE: recordsFile, EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port) };
  app = await startPlayground({ env: { ...env, ...pluginConfigEnv({ ...FAST_DELIVERY, deliverability: { dnsServers: [dns.address] } }) } });
  api = await adminApi(app.url);
});
afterAll(async () => {
  await app?.stop();
  await sink?.close();
  await dns?.close();
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

it("signs the demo's mail with the key its DNS server publishes, so each captured message verifies", async () => {
  const [standard] = (await api.request('GET', '/email-notifications/mailboxes')).body.data.filter((m: any) => m.isDefault);
  expect(standard.dkim).toMatchObject({ domain: 'example.com', selector: 'demo', hasKey: true });
  expect(JSON.parse(fs.readFileSync(recordsFile, 'utf8'))).toEqual([standard.dkim.dnsRecord]);
  await app.strapi.plugin('email-notifications').service('notifications').send({ to: 'ada@example.com', subject: 'Signed', text: 'Hello' });
  await waitFor(async () => sink.messages.some((m) => m.subject === 'Signed'));
  const mail = sink.messages.find((m) => m.subject === 'Signed')!;
  // The line the demo prints under each captured message.
  await waitFor(async () => (await mailVerdict(mail, dns.resolver)).startsWith('DKIM pass'));
  expect(await mailVerdict(mail, dns.resolver)).toBe('DKIM pass (example.com, selector demo) · SPF pass · DMARC pass');
  const checks = (await api.request('GET', `/email-notifications/mailboxes/${standard.id}/deliverability`)).body.data.checks;
  expect(Object.fromEntries(checks.filter((c: any) => !c.optional).map((c: any) => [c.name, c.status]))).toEqual({ mx: 'pass', spf: 'pass', 'spf-host': 'pass', dkim: 'pass', dmarc: 'pass', alignment: 'pass' });
});
