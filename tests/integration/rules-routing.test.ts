/*
 * Custom routing of recipients through the real playground: custom events from code, resolvers
 * registered by developers, admin users by role, the admins subscribed to a category through their
 * notification profile (with an alternative address), media of the record attached within the cap,
 * and hard bounces feeding the suppression list.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { adminApi, type AdminApi } from '../helpers/admin-api';
import { FAST_DELIVERY, messageRows, pluginConfigEnv, sinkUrl, waitForSettled } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

let app: Playground;
let sink: SmtpSink;
let api: AdminApi;
let rules: any;
let notifications: any;

async function settle() {
  await rules.idle();
  await waitForSettled(app.strapi);
}

async function createRule(body: Record<string, unknown>) {
  const response = await api.request('POST', '/email-notifications/rules', body);
  expect(response.status).toBe(201);
  return response.body.data;
}

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startPlayground({
    env: { EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port), ...pluginConfigEnv({ ...FAST_DELIVERY, templates: { maxAttachmentBytes: 4000 } }) },
  });
  api = await adminApi(app.url);
  rules = app.strapi.plugin('email-notifications').service('rules');
  notifications = app.strapi.plugin('email-notifications').service('notifications');
});
afterAll(async () => {
  await app?.stop();
  await sink?.close();
});
beforeEach(() => {
  sink.clear();
  sink.setFaults({});
});

describe('custom routing', () => {
  it('sends on a custom event to a developer resolver and to admins by role', async () => {
    notifications.registerRecipientResolver('rma-escalation', async (ctx: any) => [`escalation+${ctx.payload.level}@example.com`, 'not an address']);
    await createRule({
      name: 'Customer replied',
      category: 'rma',
      trigger: { type: 'event', name: 'rma.customer-replied' },
      conditions: { field: 'level', op: 'gte', value: 2 },
      recipients: { to: [{ resolver: 'rma-escalation' }], bcc: [{ role: 'strapi-super-admin' }] },
      template: { subject: 'Reply at level {{payload.level}}', text: '{{payload.message}}' },
    });
    const low = await notifications.emit('rma.customer-replied', { level: 1, message: 'hi' });
    expect(low).toEqual([expect.objectContaining({ matched: false, messageId: null })]);
    const high = await notifications.emit('rma.customer-replied', { level: 3, message: '<b>Where is my parcel?</b>' });
    expect(high[0].matched).toBe(true);
    await settle();
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]!.envelope.to.sort()).toEqual(['admin@example.com', 'escalation+3@example.com']);
    expect(sink.messages[0]!.text!.trim()).toBe('<b>Where is my parcel?</b>');
    const [row] = await messageRows(app.strapi, { originType: 'rule' });
    expect(row.origin.notes).toEqual(['"not an address" is not a valid email address']);
    await expect(notifications.emit('Bad Name!', {})).rejects.toMatchObject({ problems: [{ path: 'name' }] });
  });

  it('a rule naming an unregistered resolver is refused', async () => {
    const response = await api.request('POST', '/email-notifications/rules', {
      name: 'Ghost resolver',
      trigger: { type: 'event', name: 'x' },
      recipients: { to: [{ resolver: 'nobody-registered-this' }] },
      template: { subject: 's', text: 't' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual(['recipients.to.0.resolver']);
  });

  it('mails the admins subscribed to the category, at their alternative address', async () => {
    await createRule({
      name: 'Billing news',
      category: 'billing',
      trigger: { type: 'event', name: 'billing.invoice' },
      recipients: { to: [{ subscribers: true }] },
      template: { subject: 'Invoice {{payload.number}}', text: 'New invoice.' },
    });
    await notifications.emit('billing.invoice', { number: 'I-1' });
    await settle();
    expect(sink.messages).toHaveLength(0);

    const profile = await api.request('GET', '/email-notifications/profile');
    expect(profile.body.data).toMatchObject({ email: 'admin@example.com', categories: [], availableCategories: expect.arrayContaining(['billing', 'rma']) });
    const bad = await api.request('PUT', '/email-notifications/profile', { categories: ['Billing!'], alternativeEmail: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: any) => e.path.join('.')).sort()).toEqual(['alternativeEmail', 'categories.0']);
    const saved = await api.request('PUT', '/email-notifications/profile', { categories: ['billing'], alternativeEmail: 'ada.billing@example.com' });
    expect(saved.body.data).toMatchObject({ categories: ['billing'], alternativeEmail: 'ada.billing@example.com', paused: false });
    await notifications.emit('billing.invoice', { number: 'I-2' });
    await settle();
    expect(sink.messages.map((m) => [m.subject, m.envelope.to.join()])).toEqual([['Invoice I-2', 'ada.billing@example.com']]);
  });

  it('attaches the record\'s media within the size cap', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'en-media-'));
    const upload = async (name: string, bytes: number) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, Buffer.alloc(bytes, 65));
      const [saved] = await app.strapi.plugin('upload').service('upload').upload({ data: {}, files: { filepath: file, originalFilename: name, mimetype: 'text/plain', size: bytes } });
      return saved;
    };
    const small = await upload('label.txt', 1000);
    const big = await upload('scan.txt', 10_000);
    await createRule({
      name: 'Photos received',
      trigger: { type: 'record', contentType: 'api::rma.rma', events: ['update'] },
      conditions: { field: 'stage', op: 'changedTo', value: 'in-repair' },
      recipients: { to: [{ address: 'workshop@example.com' }] },
      attachments: ['photos'],
      template: { subject: 'RMA {{record.number}} in repair', text: 'Photos attached.' },
    });
    const rma = await app.strapi.documents('api::rma.rma').create({ data: { number: 'RMA-300', stage: 'received', photos: [small.id, big.id] } });
    await app.strapi.documents('api::rma.rma').update({ documentId: rma.documentId, data: { stage: 'in-repair' } });
    await settle();
    expect(sink.messages).toHaveLength(1);
    const raw = sink.messages[0]!.raw;
    expect(raw).toContain('filename=label.txt');
    expect(raw).not.toContain('scan.txt');
    const [row] = await messageRows(app.strapi, { subject: 'RMA RMA-300 in repair' });
    expect(row.origin.notes).toEqual([expect.stringContaining('attachment "scan.txt" left out: the attachments would exceed 4000 bytes')]);
    const bad = await api.request('POST', '/email-notifications/rules', {
      name: 'Attach notes',
      trigger: { type: 'record', contentType: 'api::rma.rma', events: ['update'] },
      recipients: { to: [{ address: 'workshop@example.com' }] },
      attachments: ['notes'],
      template: { subject: 's', text: 't' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['attachments', '0']);
  });

  it('holds an address that bounced permanently, until an admin releases it', async () => {
    await createRule({
      name: 'Bounce test',
      trigger: { type: 'event', name: 'bounce.test' },
      recipients: { to: [{ address: 'gone@example.com' }] },
      template: { subject: 'Attempt {{payload.n}}', text: 'x' },
    });
    sink.setFaults({ rejectRecipient: 'gone@' });
    await notifications.emit('bounce.test', { n: 1 });
    await settle();
    const held = await api.request('GET', '/email-notifications/suppressions');
    expect(held.body.data.results).toEqual([expect.objectContaining({ address: 'gone@example.com', bounces: 1, kind: 'bounce', scope: '*' })]);
    sink.setFaults({});
    await notifications.emit('bounce.test', { n: 2 });
    await settle();
    expect(sink.messages).toHaveLength(0);
    const [second] = await messageRows(app.strapi, { subject: 'Attempt 2' });
    expect(second.status).toBe('cancelled');
    expect(second.suppressedRecipients[0].reason).toMatch(/^bounced permanently; held until \d{4}-\d{2}-\d{2}$/);
    expect((await api.request('DELETE', '/email-notifications/suppressions/gone@example.com')).status).toBe(204);
    await notifications.emit('bounce.test', { n: 3 });
    await settle();
    expect(sink.messages.map((m) => m.subject)).toEqual(['Attempt 3']);
  });
});

describe('templates in use and failures at send time', () => {
  it('keeps a template that rules use, and a failing rule never fails the save', async () => {
    const template = await api.request('POST', '/email-notifications/templates', {
      name: 'rma-note',
      category: 'record',
      contentType: 'api::rma.rma',
      subject: 'RMA {{record.number}}',
      mjml: '<mj-section><mj-column><mj-text>{{record.notes}}</mj-text></mj-column></mj-section>',
    });
    expect(template.status).toBe(201);
    const rule = await createRule({
      name: 'Notes with template',
      trigger: { type: 'record', contentType: 'api::rma.rma', events: ['update'] },
      conditions: { field: 'notes', op: 'changed' },
      recipients: { to: [{ address: 'notes@example.com' }] },
      template: 'rma-note',
    });
    const removed = await api.request('DELETE', `/email-notifications/templates/${template.body.data.id}`);
    expect(removed.status).toBe(409);
    expect(removed.body.error.message).toBe('The rules "Notes with template" use "rma-note": point them to another template before deleting it.');

    // A note so long that the message is over the size limit: the rule fails, the save does not.
    const rma = await app.strapi.documents('api::rma.rma').create({ data: { number: 'RMA-600', stage: 'received' } });
    const saved = await app.strapi.documents('api::rma.rma').update({ documentId: rma.documentId, data: { notes: 'x'.repeat(120_000) } });
    expect(saved.notes).toHaveLength(120_000);
    await settle();
    expect(sink.messages).toHaveLength(0);
    const stored = (await api.request('GET', `/email-notifications/rules/${rule.id}`)).body.data;
    expect(stored.stats.lastError).toMatch(/rendered \d+ bytes, over the limit of 102400/);
  });
});

describe('languages', () => {
  it('sends the template variant in the language the recipient chose in the admin', async () => {
    const base = { category: 'event', subject: 'Parcel {{payload.n}}', mjml: '<mj-section><mj-column><mj-text>x</mj-text></mj-column></mj-section>' };
    expect((await api.request('POST', '/email-notifications/templates', { ...base, name: 'parcel', text: 'Your parcel {{payload.n}} left.' })).status).toBe(201);
    expect((await api.request('POST', '/email-notifications/templates', { ...base, name: 'parcel', locale: 'de', subject: 'Paket {{payload.n}}', text: 'Ihr Paket {{payload.n}} ist unterwegs.' })).status).toBe(201);
    await createRule({
      name: 'Parcel left',
      trigger: { type: 'event', name: 'parcel.left' },
      recipients: { to: [{ role: 'strapi-super-admin' }] },
      template: 'parcel',
    });
    await notifications.emit('parcel.left', { n: 1 });
    await settle();
    await app.strapi.db.query('admin::user').updateMany({ where: { email: 'admin@example.com' }, data: { preferedLanguage: 'de' } });
    await notifications.emit('parcel.left', { n: 2 });
    await settle();
    expect(sink.messages.map((m) => [m.subject, m.text!.trim()])).toEqual([
      ['Parcel 1', 'Your parcel 1 left.'],
      ['Paket 2', 'Ihr Paket 2 ist unterwegs.'],
    ]);
  });
});
