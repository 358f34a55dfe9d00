/*
 * Previews and dry runs show a record only to admins whose role may read it in the Content Manager:
 * a role with the plugin's permissions but no RMA read permission gets 403 with the reason and nothing
 * of the record; a role that may read only the RMAs it created sees those and no other (a digest's dry
 * run lists only them); the super admin sees every record.
 */
import { adminApi, adminWithRole, type AdminApi, type RolePermission } from '../helpers/admin-api';
import { startPlayground, type Playground } from '../helpers/playground';

let app: Playground;
let api: AdminApi;
let noRmas: AdminApi;
let author: AdminApi;
let mine: string;
let theirs: string;
const rules: Record<'record' | 'time' | 'digest', string> = { record: '', time: '', digest: '' };

const PLUGIN_READ: RolePermission[] = [{ action: 'plugin::email-notifications.templates.read' }, { action: 'plugin::email-notifications.rules.read' }];
const RMA = 'api::rma.rma';
const THEIR_NOTE = 'Serial 4711-SECRET, customer at home after 6';

const TEMPLATE = {
  name: 'rma-notes',
  category: 'record',
  contentType: RMA,
  subject: 'RMA {{record.number}}',
  mjml: '<mj-section><mj-column><mj-text>Notes: {{record.notes}}</mj-text></mj-column></mj-section>',
};

const preview = (as: AdminApi, documentId?: string) => as.request('POST', '/email-notifications/templates/preview', { template: TEMPLATE, ...(documentId ? { documentId } : {}) });
const dryRun = (as: AdminApi, rule: string, body: Record<string, unknown> = {}) => as.request('POST', `/email-notifications/rules/${rule}/dry-run`, body);

async function createRule(body: Record<string, unknown>): Promise<string> {
  const created = await api.request('POST', '/email-notifications/rules', { recipients: { to: [{ address: 'rma-team@example.com' }] }, ...body });
  expect(created.status).toBe(201);
  return created.body.data.id;
}

/** A refusal: 403 with the reason, and nothing of the other admin's record anywhere in the body. */
function expectRefused(response: { status: number; body: unknown }, reason: RegExp) {
  expect(response.status).toBe(403);
  expect((response.body as any).error).toMatchObject({ status: 403, name: 'ForbiddenError', code: 'FORBIDDEN', message: expect.stringMatching(reason) });
  expect(JSON.stringify(response.body)).not.toMatch(/THEIRS-1|4711-SECRET/);
}

beforeAll(async () => {
  app = await startPlayground();
  api = await adminApi(app.url);
  noRmas = await adminWithRole(api, app.url, 'Notifications only', PLUGIN_READ);
  author = await adminWithRole(api, app.url, 'RMA author', [
    ...PLUGIN_READ,
    { action: 'plugin::content-manager.explorer.create', subject: RMA },
    { action: 'plugin::content-manager.explorer.read', subject: RMA, conditions: ['admin::is-creator'] },
  ]);
  // Both RMAs are created through the Content Manager, so each has its creator.
  const created = async (as: AdminApi, data: Record<string, unknown>) => {
    const response = await as.request('POST', `/content-manager/collection-types/${RMA}`, data);
    expect(response.status).toBe(201);
    return response.body.data.documentId as string;
  };
  theirs = await created(api, { number: 'THEIRS-1', stage: 'received', notes: THEIR_NOTE, receivedAt: new Date(Date.now() - 72 * 3_600_000).toISOString() });
  mine = await created(author, { number: 'MINE-1', stage: 'received', notes: 'Mine to see' });
  rules.record = await createRule({ name: 'Stage changed', trigger: { type: 'record', contentType: RMA, events: ['update'] }, template: { subject: 'RMA {{record.number}}', text: 'Notes: {{record.notes}}' } });
  rules.time = await createRule({
    name: 'Overdue',
    enabled: false,
    trigger: { type: 'time', contentType: RMA, field: 'receivedAt', olderThanHours: 48 },
    template: { subject: 'RMA {{record.number}} is overdue', text: 'Notes: {{record.notes}}' },
  });
  rules.digest = await createRule({ name: 'Received list', trigger: { type: 'schedule', cron: '0 8 * * *', contentType: RMA, filters: { stage: 'received' } }, template: 'digest' });
});
afterAll(async () => {
  await app?.stop();
});

describe('the super admin', () => {
  it('previews and dry-runs any record', async () => {
    const shown = await preview(api, theirs);
    expect(shown.status).toBe(200);
    expect(shown.body.data).toMatchObject({ ok: true, subject: 'RMA THEIRS-1' });
    expect(shown.body.data.text).toContain(THEIR_NOTE);
    const run = await dryRun(api, rules.record, { documentId: theirs });
    expect(run.status).toBe(200);
    expect(run.body.data).toMatchObject({ subject: 'RMA THEIRS-1', text: `Notes: ${THEIR_NOTE}` });
    expect((await dryRun(api, rules.time, { documentId: theirs })).body.data).toMatchObject({ matched: true, subject: 'RMA THEIRS-1 is overdue' });
    const digest = await dryRun(api, rules.digest);
    expect(digest.status).toBe(200);
    expect(digest.body.data).toMatchObject({ count: 2, recipients: [{ address: 'rma-team@example.com', records: 2 }] });
    expect(digest.body.data.notes.join('\n')).not.toMatch(/your role may read/);
  });
});

describe('a role with the plugin permissions but no RMA read permission', () => {
  it('is refused a record in the template preview, with the reason', async () => {
    expectRefused(await preview(noRmas, theirs), /^Your role may not read RMA records in the Content Manager \(Settings → Administration panel → Roles/);
  });

  it('still previews with sample data', async () => {
    const sample = await preview(noRmas);
    expect(sample.status).toBe(200);
    expect(sample.body.data.ok).toBe(true);
  });

  it('is refused record, time and digest dry runs on RMAs', async () => {
    expectRefused(await dryRun(noRmas, rules.record, { documentId: theirs }), /may not read RMA records/);
    expectRefused(await dryRun(noRmas, rules.time, { documentId: theirs }), /may not read RMA records/);
    expectRefused(await dryRun(noRmas, rules.digest), /may not read RMA records/);
  });
});

describe('a role that may read only the RMAs it created ("is creator")', () => {
  it('previews and dry-runs its own RMA', async () => {
    const shown = await preview(author, mine);
    expect(shown.status).toBe(200);
    expect(shown.body.data).toMatchObject({ ok: true, subject: 'RMA MINE-1' });
    const run = await dryRun(author, rules.record, { documentId: mine });
    expect(run.status).toBe(200);
    expect(run.body.data).toMatchObject({ subject: 'RMA MINE-1', text: 'Notes: Mine to see' });
  });

  it("is refused another admin's RMA, with the reason", async () => {
    const reason = new RegExp(`^Your role may read only some RMA records in the Content Manager .*"is creator".*, and RMA "${theirs}" is not one of them\\.$`);
    expectRefused(await preview(author, theirs), reason);
    expectRefused(await dryRun(author, rules.record, { documentId: theirs }), reason);
    expectRefused(await dryRun(author, rules.time, { documentId: theirs }), reason);
  });

  it('gets a digest dry run of its own RMAs only, and is told so', async () => {
    const digest = await dryRun(author, rules.digest);
    expect(digest.status).toBe(200);
    expect(digest.body.data).toMatchObject({ matched: true, count: 1, recipients: [{ address: 'rma-team@example.com', records: 1 }] });
    expect(digest.body.data.text).toContain('MINE-1');
    expect(digest.body.data.notes).toContain('only the records your role may read in the Content Manager are included; the digest itself may hold more');
    expect(JSON.stringify(digest.body)).not.toMatch(/THEIRS-1|4711-SECRET/);
  });

  it('still gets 400 for an id that does not exist', async () => {
    const missing = await preview(author, 'no-such-rma');
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.errors).toEqual([{ path: ['documentId'], message: 'no RMA has the id "no-such-rma"' }]);
  });
});
