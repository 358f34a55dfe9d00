/*
 * Rules declared in config/plugins (rules.definitions): created at start, read-only through the API,
 * acting like any rule, updated and removed with the file at the next start; a bad definition stops
 * Strapi with its path.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { adminApi } from '../helpers/admin-api';
import { FAST_DELIVERY, pluginConfigEnv, sinkUrl, waitForSettled } from '../helpers/outbox';
import { startPlayground } from '../helpers/playground';

const RULE = {
  name: 'Shipped: tell the customer',
  trigger: { type: 'record', contentType: 'api::rma.rma', events: ['update'] },
  conditions: { field: 'stage', op: 'changedTo', value: 'shipped' },
  recipients: { to: [{ path: 'customer.email' }] },
  template: { subject: 'RMA {{record.number}} is on its way', text: 'Shipped.' },
};

let sink: SmtpSink;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'en-config-rules-'));
const databaseFile = path.join(dir, 'data.db');
const env = (definitions: unknown[]) => ({ EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port), ...pluginConfigEnv({ ...FAST_DELIVERY, rules: { definitions } }) });

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('creates config rules at start, keeps them read-only, and follows the file at the next start', async () => {
  const app = await startPlayground({ env: env([RULE]), databaseFile });
  try {
    const api = await adminApi(app.url);
    const [rule] = (await api.request('GET', '/email-notifications/rules')).body.data;
    expect(rule).toMatchObject({ name: RULE.name, managedBy: 'config', enabled: true });
    const put = await api.request('PUT', `/email-notifications/rules/${rule.id}`, { ...RULE, enabled: false });
    expect(put.status).toBe(409);
    expect(put.body.error.message).toMatch(/is defined in config\/plugins \(rules\.definitions\); change it there/);
    expect((await api.request('DELETE', `/email-notifications/rules/${rule.id}`)).status).toBe(409);

    const customer = await app.strapi.documents('api::customer.customer').create({ data: { name: 'Ida', email: 'ida@example.com' } });
    const rma = await app.strapi.documents('api::rma.rma').create({ data: { number: 'RMA-500', stage: 'repaired', customer: customer.documentId } });
    await app.strapi.documents('api::rma.rma').update({ documentId: rma.documentId, data: { stage: 'shipped' } });
    await app.strapi.plugin('email-notifications').service('rules').idle();
    await waitForSettled(app.strapi);
    expect(sink.messages.map((m) => [m.subject, m.envelope.to.join()])).toEqual([['RMA RMA-500 is on its way', 'ida@example.com']]);
  } finally {
    await app.stop();
  }

  const changed = await startPlayground({ env: env([{ ...RULE, template: { subject: 'Shipped: {{record.number}}', text: 'x' } }]), databaseFile });
  try {
    const api = await adminApi(changed.url);
    const rules = (await api.request('GET', '/email-notifications/rules')).body.data;
    expect(rules.map((r: any) => r.template.subject)).toEqual(['Shipped: {{record.number}}']);
  } finally {
    await changed.stop();
  }

  const removed = await startPlayground({ env: env([]), databaseFile });
  try {
    const api = await adminApi(removed.url);
    expect((await api.request('GET', '/email-notifications/rules')).body.data).toEqual([]);
  } finally {
    await removed.stop();
  }
});

it('stops Strapi on a bad definition, naming it', async () => {
  await expect(startPlayground({ env: env([{ ...RULE, conditions: { field: 'stag', op: 'changed' } }]) })).rejects.toThrow(
    /rules\.definitions\.0\.conditions\.field: api::rma\.rma has no field "stag"/,
  );
});
