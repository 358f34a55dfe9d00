/*
 * Record rules through the real playground: an RMA moving to "authorized" mails the customer with the
 * owner in cc, once; other changes send nothing; a draft & publish type fires once per change; bad
 * rules are refused with the field at fault; the flood guards suppress and record; a rule that
 * triggers itself through an onAfterSend hook stops at the chain depth; the dry run sends nothing.
 */
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { adminApi, ADMIN, type AdminApi } from '../helpers/admin-api';
import { FAST_DELIVERY, messageRows, pluginConfigEnv, sinkUrl, waitForSettled } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

let app: Playground;
let sink: SmtpSink;
let api: AdminApi;
let rules: any;
let ownerId: number;

const STAGE_RULE = {
  name: 'RMA authorised: tell the customer',
  category: 'rma',
  trigger: { type: 'record', contentType: 'api::rma.rma', events: ['update'] },
  conditions: { all: [{ field: 'stage', op: 'changedTo', value: 'authorized' }] },
  recipients: { to: [{ path: 'customer.email' }], cc: [{ path: 'owner' }] },
  template: { subject: 'RMA {{record.number}} is authorised', text: 'Hello {{record.customer.name}}, RMA {{record.number}} moved from {{changes.stage.from}} to {{changes.stage.to}}.' },
};

async function settle() {
  await rules.idle();
  await waitForSettled(app.strapi);
}

async function customer(name: string) {
  return app.strapi.documents('api::customer.customer').create({ data: { name, email: `${name.toLowerCase()}@example.com` } });
}

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startPlayground({ env: { EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port), ...pluginConfigEnv(FAST_DELIVERY) } });
  api = await adminApi(app.url);
  rules = app.strapi.plugin('email-notifications').service('rules');
  ownerId = (await app.strapi.db.query('admin::user').findOne({ where: { email: ADMIN.email } })).id;
  const created = await api.request('POST', '/email-notifications/rules', STAGE_RULE);
  expect(created.status).toBe(201);
});
afterAll(async () => {
  await app?.stop();
  await sink?.close();
});
beforeEach(() => sink.clear());

describe('record rules', () => {
  it('mails the customer with the owner in cc when the stage changes to authorized, once', async () => {
    const eve = await customer('Eve');
    const rma = await app.strapi.documents('api::rma.rma').create({ data: { number: 'RMA-100', stage: 'received', customer: eve.documentId, owner: ownerId } });
    await app.strapi.documents('api::rma.rma').update({ documentId: rma.documentId, data: { notes: 'unpacked' } });
    await settle();
    expect(sink.messages).toHaveLength(0);

    await app.strapi.documents('api::rma.rma').update({ documentId: rma.documentId, data: { stage: 'authorized' } });
    await settle();
    expect(sink.messages).toHaveLength(1);
    const [mail] = sink.messages;
    expect(mail!.envelope.to.sort()).toEqual(['admin@example.com', 'eve@example.com']);
    expect(mail!.to).toBe('eve@example.com');
    expect(mail!.headers.cc).toBeDefined();
    expect(mail!.subject).toBe('RMA RMA-100 is authorised');
    expect(mail!.text).toContain('Hello Eve, RMA RMA-100 moved from received to authorized.');
    expect(mail!.headers['auto-submitted']).toBe('auto-generated');
    expect(mail!.headers['x-auto-response-suppress']).toBe('All');

    // Saving again without a stage change sends nothing more.
    await app.strapi.documents('api::rma.rma').update({ documentId: rma.documentId, data: { notes: 'authorised, waiting for parts' } });
    await settle();
    expect(sink.messages).toHaveLength(1);
    const [row] = await messageRows(app.strapi, { originType: 'rule' });
    expect(row.origin).toMatchObject({ ruleName: STAGE_RULE.name, record: { contentType: 'api::rma.rma', documentId: rma.documentId } });
    const list = (await api.request('GET', '/email-notifications/rules')).body.data;
    expect(list[0].stats).toMatchObject({ firedCount: 1, sentCount: 1, suppressedCount: 0 });
    expect(list[0].stats.lastFiredAt).toBeTruthy();
  });

  it('sends nothing when the save is rolled back', async () => {
    const ann = await customer('Ann');
    const rma = await app.strapi.documents('api::rma.rma').create({ data: { number: 'RMA-101', stage: 'received', customer: ann.documentId } });
    await expect(
      app.strapi.db.transaction(async () => {
        await app.strapi.documents('api::rma.rma').update({ documentId: rma.documentId, data: { stage: 'authorized' } });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await settle();
    expect(sink.messages).toHaveLength(0);
  });

  it('fires once for a draft & publish type, for the update and for the publish', async () => {
    const bob = await customer('Bob');
    const rule = await api.request('POST', '/email-notifications/rules', {
      name: 'Ticket closed',
      trigger: { type: 'record', contentType: 'api::ticket.ticket', events: ['update'] },
      conditions: { field: 'state', op: 'changedTo', value: 'closed' },
      recipients: { to: [{ path: 'customer.email' }] },
      template: { subject: 'Ticket {{record.subject}} closed', text: 'Closed.' },
    });
    expect(rule.status).toBe(201);
    const publishRule = await api.request('POST', '/email-notifications/rules', {
      name: 'Ticket published',
      trigger: { type: 'record', contentType: 'api::ticket.ticket', events: ['publish'] },
      recipients: { to: [{ address: 'desk@example.com' }] },
      template: { subject: 'Ticket {{record.subject}} published', text: 'Published while {{record.state}}.' },
    });
    expect(publishRule.status).toBe(201);
    const ticket = await app.strapi.documents('api::ticket.ticket').create({ data: { subject: 'Broken screen', state: 'open', customer: bob.documentId } });
    await app.strapi.documents('api::ticket.ticket').publish({ documentId: ticket.documentId });
    await app.strapi.documents('api::ticket.ticket').update({ documentId: ticket.documentId, data: { state: 'closed' } });
    await app.strapi.documents('api::ticket.ticket').publish({ documentId: ticket.documentId });
    await settle();
    expect(sink.messages.map((m) => m.subject).sort()).toEqual(['Ticket Broken screen closed', 'Ticket Broken screen published', 'Ticket Broken screen published']);
  });

  it.each([
    ['an invalid cron', { name: 'x', trigger: { type: 'schedule', cron: '61 8 * * *', contentType: 'api::rma.rma' }, recipients: { to: [{ address: 'a@example.com' }] }, template: 'digest' }, 'trigger.cron'],
    ['an unknown field', { ...STAGE_RULE, name: 'x', conditions: { field: 'stag', op: 'changed' } }, 'conditions.field'],
    ['an unknown operator', { ...STAGE_RULE, name: 'x', conditions: { field: 'stage', op: 'becomes', value: 'x' } }, 'conditions.op'],
    ['a recipient path to a non-email field', { ...STAGE_RULE, name: 'x', recipients: { to: [{ path: 'notes' }] } }, 'recipients.to.0.path'],
    ['a private field', { ...STAGE_RULE, name: 'x', conditions: { field: 'internalNotes', op: 'isEmpty' } }, 'conditions.field'],
    ['a template of the wrong kind', { ...STAGE_RULE, name: 'x', template: 'digest' }, 'template'],
    ['an unknown variable in the rule text', { ...STAGE_RULE, name: 'x', template: { subject: '{{record.nope}}', text: 'x' } }, 'template.subject'],
    ['an unknown task group', { ...STAGE_RULE, name: 'x', taskGroup: 'nope' }, 'taskGroup'],
  ])('refuses %s with a 400 naming the field', async (_what, body, path) => {
    const response = await api.request('POST', '/email-notifications/rules', body);
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors.map((e: any) => e.path.join('.'))).toContain(path);
  });

  it('refuses a second rule with the same name', async () => {
    const response = await api.request('POST', '/email-notifications/rules', STAGE_RULE);
    expect(response.status).toBe(409);
  });

  it('caps notifications per recipient, skips blacklisted and own addresses, and records each suppression', async () => {
    const rule = await api.request('POST', '/email-notifications/rules', {
      name: 'Every note',
      trigger: { type: 'record', contentType: 'api::rma.rma', events: ['update'] },
      conditions: { field: 'notes', op: 'changed' },
      recipients: { to: [{ address: 'flood@example.com' }], cc: [{ address: 'no-reply@example.com' }, { address: 'helpdesk@example.com' }] },
      template: { subject: 'RMA {{record.number}}: {{record.notes}}', text: 'Note: {{record.notes}}' },
    });
    expect(rule.status).toBe(201);
    const rma = await app.strapi.documents('api::rma.rma').create({ data: { number: 'RMA-102', stage: 'received' } });
    for (let i = 1; i <= 5; i += 1) {
      await app.strapi.documents('api::rma.rma').update({ documentId: rma.documentId, data: { notes: `note ${i}` } });
      await rules.idle();
    }
    await settle();
    expect(sink.messages.map((m) => m.subject)).toEqual(['RMA RMA-102: note 1', 'RMA RMA-102: note 2', 'RMA RMA-102: note 3']);
    expect(sink.messages.every((m) => m.envelope.to.join() === 'flood@example.com')).toBe(true);

    const rows = await messageRows(app.strapi, { originType: 'rule', subject: { $startsWith: 'RMA RMA-102' } });
    expect(rows.map((r: any) => r.status)).toEqual(['sent', 'sent', 'sent', 'cancelled', 'cancelled']);
    expect(rows[0].suppressedRecipients).toEqual([
      { address: 'no-reply@example.com', reason: 'matches the blacklist entry "no-reply@*"' },
      { address: 'helpdesk@example.com', reason: "is one of this installation's own mailbox addresses (loop protection)" },
    ]);
    expect(rows[3].lastError).toContain('flood@example.com already received 3 notifications in the last 30 minutes (limit 3)');
    const detail = await api.request('GET', `/email-notifications/messages/${rows[3].documentId}`);
    expect(detail.body.data.suppressedRecipients).toEqual(expect.arrayContaining([{ address: 'flood@example.com', reason: 'already received 3 notifications in the last 30 minutes (limit 3)' }]));
    await api.request('PUT', `/email-notifications/rules/${rule.body.data.id}`, { ...rule.body.data, id: undefined, stats: undefined, managedBy: undefined, createdAt: undefined, updatedAt: undefined, enabled: false });
  });

  it('stops a rule that triggers itself through an onAfterSend hook at the chain depth', async () => {
    const rule = await api.request('POST', '/email-notifications/rules', {
      name: 'Loop',
      trigger: { type: 'record', contentType: 'api::rma.rma', events: ['update'] },
      conditions: { field: 'tatHours', op: 'changed' },
      recipients: { to: [{ address: 'loop@example.com' }] },
      template: { subject: 'TAT of {{record.number}} is {{record.tatHours}}', text: 'x' },
    });
    expect(rule.status).toBe(201);
    const rma = await app.strapi.documents('api::rma.rma').create({ data: { number: 'RMA-103', stage: 'received', tatHours: 1 } });
    // A developer's hook that writes back to the record after each sent notification: a loop.
    app.strapi.plugin('email-notifications').service('notifications').onAfterSend(async (message: any) => {
      if (!String(message.subject).startsWith('TAT of RMA-103')) return;
      const current = await app.strapi.documents('api::rma.rma').findOne({ documentId: rma.documentId });
      await app.strapi.documents('api::rma.rma').update({ documentId: rma.documentId, data: { tatHours: current.tatHours + 1 } });
    });
    await app.strapi.documents('api::rma.rma').update({ documentId: rma.documentId, data: { tatHours: 2 } });
    for (let i = 0; i < 10; i += 1) {
      await settle();
      await new Promise((r) => setTimeout(r, 100));
    }
    // Depth 0 (the admin's change), 1 and 2 (changes made by the hook) notify; depth 3 is refused.
    expect(sink.messages.map((m) => m.subject)).toEqual(['TAT of RMA-103 is 2', 'TAT of RMA-103 is 3', 'TAT of RMA-103 is 4']);
  });

  it('dry-runs a rule against a record: match, recipients and message, nothing sent', async () => {
    const [rule] = (await api.request('GET', '/email-notifications/rules')).body.data.filter((r: any) => r.name === STAGE_RULE.name);
    const zed = await customer('Zed');
    const rma = await app.strapi.documents('api::rma.rma').create({ data: { number: 'RMA-104', stage: 'authorized', customer: zed.documentId, owner: ownerId } });
    const run = await api.request('POST', `/email-notifications/rules/${rule.id}/dry-run`, { documentId: rma.documentId, previous: { stage: 'received' } });
    expect(run.status).toBe(200);
    expect(run.body.data).toMatchObject({
      matched: true,
      to: [{ address: 'zed@example.com' }],
      cc: [{ address: 'admin@example.com' }],
      subject: 'RMA RMA-104 is authorised',
      messageId: null,
    });
    expect(run.body.data.text).toContain('moved from received to authorized');
    const no = await api.request('POST', `/email-notifications/rules/${rule.id}/dry-run`, { documentId: rma.documentId, previous: { stage: 'authorized' } });
    expect(no.body.data.matched).toBe(false);
    expect(no.body.data.explanation).toBeDefined();
    await settle();
    expect(sink.messages).toHaveLength(0);
    expect((await api.request('POST', `/email-notifications/rules/${rule.id}/dry-run`, {})).status).toBe(400);
  });
});
