/*
 * Schedules and time conditions through the real playground: a digest with a cron every second sends
 * one digest per recipient listing exactly the matching RMAs (owners get their own RMAs); a TAT rule
 * notifies each overdue RMA once, and again only after it left and re-entered the condition.
 */
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { adminApi, ADMIN, type AdminApi } from '../helpers/admin-api';
import { FAST_DELIVERY, pluginConfigEnv, sinkUrl, waitFor, waitForSettled } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

let app: Playground;
let sink: SmtpSink;
let api: AdminApi;
let rules: any;

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

async function settle() {
  await rules.idle();
  await waitForSettled(app.strapi);
}

async function disable(id: string) {
  const current = (await api.request('GET', `/email-notifications/rules/${id}`)).body.data;
  const { id: _id, stats: _s, managedBy: _m, createdAt: _c, updatedAt: _u, ...rule } = current;
  expect((await api.request('PUT', `/email-notifications/rules/${id}`, { ...rule, enabled: false })).status).toBe(200);
}

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startPlayground({
    env: { EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port), ...pluginConfigEnv({ ...FAST_DELIVERY, rules: { tickIntervalMs: 200 }, flood: { caps: [], duplicateWindowMinutes: 0 } }) },
  });
  api = await adminApi(app.url);
  rules = app.strapi.plugin('email-notifications').service('rules');
});
afterAll(async () => {
  await app?.stop();
  await sink?.close();
});
beforeEach(() => sink.clear());

describe('schedules and time conditions', () => {
  it('sends one digest per recipient listing exactly the matching RMAs', async () => {
    const owner = await app.strapi.db.query('admin::user').findOne({ where: { email: ADMIN.email } });
    const rmas = app.strapi.documents('api::rma.rma');
    await rmas.create({ data: { number: 'D-1', stage: 'received', owner: owner.id } });
    await rmas.create({ data: { number: 'D-2', stage: 'received' } });
    await rmas.create({ data: { number: 'D-3', stage: 'authorized', owner: owner.id } });
    const created = await api.request('POST', '/email-notifications/rules', {
      name: 'Morning list',
      trigger: { type: 'schedule', cron: '* * * * * *', timezone: 'Europe/Berlin', contentType: 'api::rma.rma', filters: { stage: 'received' } },
      recipients: { to: [{ address: 'rma-team@example.com' }, { path: 'owner' }] },
      template: 'digest',
    });
    expect(created.status).toBe(201);
    const [teamDigest] = await waitFor(async () => {
      const mails = sink.messages.filter((m) => m.envelope.to.includes('rma-team@example.com'));
      return mails.length ? mails : null;
    });
    await disable(created.body.data.id);
    // A tick that started before the rule was disabled finishes first.
    await waitFor(async () => (await app.strapi.db.query('plugin::email-notifications.rule-fire').count({ where: { status: 'running' } })) === 0);
    await settle();
    expect(teamDigest!.subject).toBe('Morning list: 2 RMA');
    expect(teamDigest!.text).toMatch(/D-1[\s\S]*D-2/);
    expect(teamDigest!.text).not.toContain('D-3');
    const ownerDigest = sink.messages.find((m) => m.envelope.to.includes(ADMIN.email));
    expect(ownerDigest!.text).toContain('D-1');
    expect(ownerDigest!.text).not.toMatch(/D-2|D-3/);
    // One digest per recipient per tick (flood guards are off in this file, so every tick shows).
    const rows = await app.strapi.db.query('plugin::email-notifications.rule-fire').findMany({ where: { rule: created.body.data.id, kind: 'tick' } });
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.every((r: any) => r.status === 'done' && r.handled === 2)).toBe(true);
    expect(sink.messages.filter((m) => m.envelope.to.includes('rma-team@example.com'))).toHaveLength(rows.length);
    expect(sink.messages.filter((m) => m.envelope.to.includes(ADMIN.email))).toHaveLength(rows.length);
  });

  it('sends nothing for an empty result unless asked to', async () => {
    const quiet = await api.request('POST', '/email-notifications/rules', {
      name: 'Nothing to repair',
      trigger: { type: 'schedule', cron: '0 8 * * *', contentType: 'api::rma.rma', filters: { stage: 'in-repair' } },
      recipients: { to: [{ address: 'quiet@example.com' }] },
      template: 'digest',
    });
    const loud = await api.request('POST', '/email-notifications/rules', {
      name: 'Repair list even when empty',
      trigger: { type: 'schedule', cron: '0 8 * * *', contentType: 'api::rma.rma', filters: { stage: 'in-repair' }, sendWhenEmpty: true },
      recipients: { to: [{ address: 'loud@example.com' }] },
      template: 'digest',
    });
    expect((await api.request('POST', `/email-notifications/rules/${quiet.body.data.id}/run`)).body.data).toEqual({ ran: true, handled: 0 });
    expect((await api.request('POST', `/email-notifications/rules/${loud.body.data.id}/run`)).body.data).toEqual({ ran: true, handled: 0 });
    await settle();
    expect(sink.messages.map((m) => m.envelope.to.join())).toEqual(['loud@example.com']);
    expect(sink.messages[0]!.subject).toBe('Repair list even when empty: 0 RMA');
  });

  it('notifies each overdue RMA once, and again after it left and re-entered the condition', async () => {
    const rmas = app.strapi.documents('api::rma.rma');
    const late = await rmas.create({ data: { number: 'T-1', stage: 'received', receivedAt: hoursAgo(50), tatHours: 48 } });
    await rmas.create({ data: { number: 'T-2', stage: 'received', receivedAt: hoursAgo(10), tatHours: 48 } });
    await rmas.create({ data: { number: 'T-3', stage: 'shipped', receivedAt: hoursAgo(100), tatHours: 48 } });
    await rmas.create({ data: { number: 'T-4', stage: 'in-repair', receivedAt: hoursAgo(30), tatHours: 24 } });
    const created = await api.request('POST', '/email-notifications/rules', {
      name: 'TAT exceeded',
      trigger: { type: 'time', contentType: 'api::rma.rma', field: 'receivedAt', olderThanHours: { field: 'tatHours' }, repeat: 'once', everyMinutes: 60 },
      conditions: { field: 'stage', op: 'notEquals', value: 'shipped' },
      recipients: { to: [{ address: 'tat@example.com' }] },
      template: 'time-exceeded',
    });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    const run = async () => {
      await api.request('POST', `/email-notifications/rules/${id}/run`);
      await settle();
      return sink.messages.splice(0).map((m) => m.subject).sort();
    };
    expect(await run()).toEqual(['RMA T-1 is overdue', 'RMA T-4 is overdue']);
    expect(await run()).toEqual([]);
    await rmas.update({ documentId: late.documentId, data: { stage: 'shipped' } });
    expect(await run()).toEqual([]);
    await rmas.update({ documentId: late.documentId, data: { stage: 'received' } });
    expect(await run()).toEqual(['RMA T-1 is overdue']);
    expect(await run()).toEqual([]);
  });

  it('reports a run that got stuck (its instance stopped mid-run)', async () => {
    const created = await api.request('POST', '/email-notifications/rules', {
      name: 'Stuck digest',
      trigger: { type: 'schedule', cron: '0 8 * * *', contentType: 'api::rma.rma' },
      recipients: { to: [{ address: 'stuck@example.com' }] },
      template: 'digest',
    });
    const id = created.body.data.id;
    await app.strapi.db.query('plugin::email-notifications.rule-fire').create({
      data: { key: `tick:${id}:2026-01-01T08:00:00.000Z`, rule: id, kind: 'tick', firedAt: new Date(Date.now() - 20 * 60_000), status: 'running' },
    });
    const health = await api.request('GET', '/email-notifications/outbox/health');
    expect(health.body.data.problems).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'RULE_RUN_STUCK', message: expect.stringContaining('"Stuck digest"') })]));
    const rule = await api.request('GET', `/email-notifications/rules/${id}`);
    expect(rule.body.data.stats.lastRun).toMatchObject({ status: 'running', stuck: true });
    await api.request('DELETE', `/email-notifications/rules/${id}`);
    expect((await api.request('GET', '/email-notifications/outbox/health')).body.data.problems.map((p: any) => p.code)).not.toContain('RULE_RUN_STUCK');
  });

  it('dry-runs a digest on the records matching now, and a TAT rule on one record, sending nothing', async () => {
    const rmas = app.strapi.documents('api::rma.rma');
    await rmas.create({ data: { number: 'DR-1', stage: 'repaired' } });
    const late = await rmas.create({ data: { number: 'DR-2', stage: 'repaired', receivedAt: hoursAgo(30), tatHours: 24 } });
    const fresh = await rmas.create({ data: { number: 'DR-3', stage: 'repaired', receivedAt: hoursAgo(2), tatHours: 24 } });
    const digest = await api.request('POST', '/email-notifications/rules', {
      name: 'Repaired list',
      trigger: { type: 'schedule', cron: '0 8 * * *', contentType: 'api::rma.rma', filters: { stage: 'repaired' } },
      recipients: { to: [{ address: 'shipping@example.com' }] },
      template: 'digest',
    });
    const run = await api.request('POST', `/email-notifications/rules/${digest.body.data.id}/dry-run`, {});
    expect(run.status).toBe(200);
    expect(run.body.data).toMatchObject({ matched: true, count: 3, recipients: [{ address: 'shipping@example.com', records: 3 }], subject: 'Repaired list: 3 RMA', messageId: null });
    expect(run.body.data.text).toMatch(/DR-1[\s\S]*DR-2[\s\S]*DR-3/);

    const tat = await api.request('POST', '/email-notifications/rules', {
      name: 'Repaired but not shipped in time',
      enabled: false, // a disabled rule can be dry-run; the scheduler leaves it alone
      trigger: { type: 'time', contentType: 'api::rma.rma', field: 'receivedAt', olderThanHours: { field: 'tatHours' } },
      conditions: { field: 'stage', op: 'equals', value: 'repaired' },
      recipients: { to: [{ address: 'shipping@example.com' }] },
      template: 'time-exceeded',
    });
    const overdue = await api.request('POST', `/email-notifications/rules/${tat.body.data.id}/dry-run`, { documentId: late.documentId });
    expect(overdue.body.data).toMatchObject({ matched: true, subject: 'RMA DR-2 is overdue' });
    expect(overdue.body.data.text).toMatch(/overdue since .* \(6 h\)/);
    const notYet = await api.request('POST', `/email-notifications/rules/${tat.body.data.id}/dry-run`, { documentId: fresh.documentId });
    expect(notYet.body.data.matched).toBe(false);
    expect(notYet.body.data.notes).toEqual([expect.stringMatching(/not overdue yet$/)]);
    await settle();
    expect(sink.messages).toHaveLength(0);
    await api.request('DELETE', `/email-notifications/rules/${digest.body.data.id}`);
    await api.request('DELETE', `/email-notifications/rules/${tat.body.data.id}`);
  });
});
