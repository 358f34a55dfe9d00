/*
 * The templates API on the real playground: built-ins at start, save-time checks (unknown and private
 * variables, broken syntax, MJML errors with lines, size), versions with diff and restore, restore
 * default, export/import, preview with sample data and with a chosen record, RBAC.
 */
import { adminApi, rawRequest, type AdminApi } from '../helpers/admin-api';
import { pluginConfigEnv } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

let app: Playground;
let api: AdminApi;

const RMA_TEMPLATE = {
  name: 'rma-stage-changed',
  category: 'record',
  contentType: 'api::rma.rma',
  subject: 'RMA {{record.number}} is now {{changes.stage.to}}',
  mjml: `<mj-section>
  <mj-column>
    <mj-text><p>Hello {{record.customer.name}},</p><p>RMA {{record.number}} moved from {{changes.stage.from}} to {{changes.stage.to}}.</p></mj-text>
  </mj-column>
</mj-section>`,
};

const problems = (response: { body: any }) => response.body.error.details.errors.map((e: any) => `${e.path.join('.')}: ${e.message}`);

beforeAll(async () => {
  app = await startPlayground({ env: pluginConfigEnv({ privacy: { sensitiveFields: { 'api::customer.customer': ['lastLoginIp'] } } }) });
  api = await adminApi(app.url);
});
afterAll(async () => {
  await app?.stop();
});

describe('templates API', () => {
  it('starts with the built-in templates and the master layout', async () => {
    const list = await api.request('GET', '/email-notifications/templates');
    expect(list.status).toBe(200);
    const names = list.body.data.map((t: any) => t.name);
    expect(names).toEqual(expect.arrayContaining(['master', 'record-changed', 'digest', 'time-exceeded', 'smtp-failure-alert', 'test-email']));
    expect(list.body.data.every((t: any) => t.builtIn === null || t.isDefault === true)).toBe(true);
  });

  it('creates a template and refuses unknown, private and sensitive variables with their lines', async () => {
    const created = await api.request('POST', '/email-notifications/templates', RMA_TEMPLATE);
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ name: 'rma-stage-changed', version: 1, editedBy: 'admin@example.com' });

    const bad = await api.request('POST', '/email-notifications/templates', {
      ...RMA_TEMPLATE,
      name: 'bad-variables',
      subject: 'RMA {{record.numbr}}',
      mjml: `<mj-section><mj-column>
<mj-text>{{record.internalNotes}}</mj-text>
<mj-text>{{record.customer.lastLoginIp}} {{record.owner.password}}</mj-text>
</mj-column></mj-section>`,
    });
    expect(bad.status).toBe(400);
    expect(problems(bad)).toEqual([
      'subject: line 1: "record" has no field "numbr" (did you mean "number"?)',
      'mjml: line 2: "record.internalNotes" cannot be used: "internalNotes" is private in api::rma.rma and never reaches an email',
      'mjml: line 3: "record.customer.lastLoginIp" cannot be used: "lastLoginIp" of api::customer.customer is marked sensitive in the plugin settings and never reaches an email',
      'mjml: line 3: "record.owner.password" cannot be used: "password" is a password field of admin::user and never reaches an email',
    ]);
    const after = await api.request('GET', '/email-notifications/templates');
    expect(after.body.data.map((t: any) => t.name)).not.toContain('bad-variables');
  });

  it.each([
    ['triple braces', '<mj-section><mj-column><mj-text>{{{record.number}}}</mj-text></mj-column></mj-section>', /line 1: triple braces/],
    ['a helper call', '<mj-section><mj-column><mj-text>{{lookup record "number"}}</mj-text></mj-column></mj-section>', /calls a helper, and templates have none/],
    ['a partial', '<mj-section><mj-column><mj-text>{{> evil}}</mj-text></mj-column></mj-section>', /partials/],
    ['an unclosed block', '<mj-section>\n<mj-column><mj-text>{{#if record.number}}</mj-text></mj-column></mj-section>', /a block is not closed/],
    ['an unknown MJML tag', '<mj-section>\n<mj-column>\n<mj-bogus>x</mj-bogus></mj-column></mj-section>', /^mjml: line 3: Element mj-bogus doesn't exist/],
    ['a variable that is a group', '<mj-section><mj-column><mj-text>{{record.customer}}</mj-text></mj-column></mj-section>', /is a group of fields; name one of them/],
  ])('refuses %s', async (_what, mjml, message) => {
    const response = await api.request('POST', '/email-notifications/templates', { ...RMA_TEMPLATE, name: 'refused', mjml });
    expect(response.status).toBe(400);
    expect(problems(response).join('\n')).toMatch(message);
  });

  it('refuses a template that renders over the size limit', async () => {
    const big = `<mj-section><mj-column><mj-text>${'<p>A notification, not a report.</p>'.repeat(4000)}</mj-text></mj-column></mj-section>`;
    const response = await api.request('POST', '/email-notifications/templates', { ...RMA_TEMPLATE, name: 'too-big', mjml: big });
    expect(response.status).toBe(400);
    expect(problems(response)[0]).toMatch(/over the limit of 102400 \(templates.maxRenderedBytes\)/);
  });

  it('refuses <mj-include> at save and in the preview, with the line and the reason', async () => {
    const mjml = '<mj-section>\n<mj-include path="../../../../etc/passwd" />\n</mj-section>';
    const saved = await api.request('POST', '/email-notifications/templates', { ...RMA_TEMPLATE, name: 'with-include', mjml });
    expect(saved.status).toBe(400);
    expect(problems(saved)[0]).toMatch(/^mjml: line 2: <mj-include> is not available: includes are off/);
    const names = (await api.request('GET', '/email-notifications/templates')).body.data.map((t: any) => t.name);
    expect(names).not.toContain('with-include');
    const preview = await api.request('POST', '/email-notifications/templates/preview', { template: { ...RMA_TEMPLATE, mjml } });
    expect(preview.body.data.ok).toBe(false);
    expect(preview.body.data.problems[0].message).toMatch(/^line 2: <mj-include> is not available/);
  });

  it("writes the template's locale into the HTML's lang", async () => {
    const german = await api.request('POST', '/email-notifications/templates/preview', { template: { ...RMA_TEMPLATE, locale: 'de' } });
    expect(german.body.data.html).toMatch(/<html[^>]* lang="de"/);
    expect(german.body.data.html).not.toContain('lang="und"');
  });

  it('keeps every previous version, shows a diff and restores one', async () => {
    const [template] = (await api.request('GET', '/email-notifications/templates')).body.data.filter((t: any) => t.name === 'rma-stage-changed');
    const id = template.id;
    const v2 = await api.request('PUT', `/email-notifications/templates/${id}`, { ...RMA_TEMPLATE, subject: 'Your RMA {{record.number}}: {{changes.stage.to}}' });
    expect(v2.status).toBe(200);
    expect(v2.body.data.version).toBe(2);
    const versions = await api.request('GET', `/email-notifications/templates/${id}/versions`);
    expect(versions.body.data.map((v: any) => v.version)).toEqual([1]);
    const diff = await api.request('GET', `/email-notifications/templates/${id}/versions/1/diff`);
    expect(diff.body.data.patch).toContain('-subject: RMA {{record.number}} is now {{changes.stage.to}}');
    expect(diff.body.data.patch).toContain('+subject: Your RMA {{record.number}}: {{changes.stage.to}}');
    const restored = await api.request('POST', `/email-notifications/templates/${id}/versions/1/restore`);
    expect(restored.body.data).toMatchObject({ version: 3, subject: RMA_TEMPLATE.subject });
    expect((await api.request('GET', `/email-notifications/templates/${id}/versions`)).body.data.map((v: any) => v.version)).toEqual([2, 1]);
    expect((await api.request('GET', `/email-notifications/templates/${id}/versions/9/diff`)).status).toBe(404);
  });

  it('restores a built-in template to its default and refuses to delete it', async () => {
    const [digest] = (await api.request('GET', '/email-notifications/templates')).body.data.filter((t: any) => t.name === 'digest');
    const original = await api.request('GET', `/email-notifications/templates/${digest.id}`);
    const edited = await api.request('PUT', `/email-notifications/templates/${digest.id}`, { ...stripMeta(original.body.data), subject: 'Morning list ({{count}})' });
    expect(edited.status).toBe(200);
    expect((await api.request('GET', '/email-notifications/templates')).body.data.find((t: any) => t.name === 'digest').isDefault).toBe(false);
    const restored = await api.request('POST', `/email-notifications/templates/${digest.id}/restore-default`);
    expect(restored.body.data.subject).toBe(original.body.data.subject);
    const removed = await api.request('DELETE', `/email-notifications/templates/${digest.id}`);
    expect(removed.status).toBe(409);
    expect(removed.body.error.message).toMatch(/built-in template; edit it or restore its default/);
  });

  it('exports a template as .mjml + .json and imports it elsewhere, checking it the same way', async () => {
    const [template] = (await api.request('GET', '/email-notifications/templates')).body.data.filter((t: any) => t.name === 'rma-stage-changed');
    const exported = await api.request('GET', `/email-notifications/templates/${template.id}/export`);
    const files = exported.body.data.files;
    expect(files.map((f: any) => f.name)).toEqual(['rma-stage-changed.mjml', 'rma-stage-changed.json']);
    expect(files[0].content).toBe(RMA_TEMPLATE.mjml);
    const renamed = files.map((f: any) => ({ name: f.name.replace('rma-stage-changed', 'rma-copy'), content: f.name.endsWith('.json') ? f.content.replace('"rma-stage-changed"', '"rma-copy"') : f.content }));
    const imported = await api.request('POST', '/email-notifications/templates/import', { files: renamed });
    expect(imported.status).toBe(200);
    expect(imported.body.data[0]).toMatchObject({ file: 'rma-copy', created: true, template: { name: 'rma-copy', subject: RMA_TEMPLATE.subject } });

    const broken = await api.request('POST', '/email-notifications/templates/import', {
      files: [renamed[0], { name: renamed[1].name, content: renamed[1].content.replace('{{record.number}}', '{{record.secret}}') }],
    });
    expect(broken.status).toBe(400);
    expect(problems(broken)[0]).toMatch(/^files\.rma-copy\.subject: line 1: "record" has no field "secret"/);
    const lonely = await api.request('POST', '/email-notifications/templates/import', { files: [renamed[0]] });
    expect(problems(lonely)).toEqual(['files.rma-copy: needs both rma-copy.mjml and rma-copy.json']);
  });

  it('previews with sample data and with a chosen record, escaping its values', async () => {
    const customer = await app.strapi.documents('api::customer.customer').create({ data: { name: 'Eve <script>alert(1)</script>', email: 'eve@example.com' } });
    const rma = await app.strapi.documents('api::rma.rma').create({ data: { number: 'RMA-PREVIEW', stage: 'authorized', customer: customer.documentId } });

    const sample = await api.request('POST', '/email-notifications/templates/preview', { template: RMA_TEMPLATE });
    expect(sample.status).toBe(200);
    expect(sample.body.data.ok).toBe(true);
    expect(sample.body.data.subject).toBe('RMA number 1 is now authorized');
    expect(sample.body.data.text).toContain('Hello Jane Doe,');
    expect(sample.body.data.text).toContain('moved from received to authorized.');

    const real = await api.request('POST', '/email-notifications/templates/preview', { template: RMA_TEMPLATE, documentId: rma.documentId });
    expect(real.body.data.html).toContain('Hello Eve &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(real.body.data.html).not.toContain('<script>alert(1)');
    expect(real.body.data.text).toContain('Hello Eve <script>alert(1)</script>,');

    const broken = await api.request('POST', '/email-notifications/templates/preview', { template: { ...RMA_TEMPLATE, mjml: '<mj-section>\n<mj-column><mj-text>{{record.nope}}</mj-text></mj-column></mj-section>' } });
    expect(broken.status).toBe(200);
    expect(broken.body.data).toMatchObject({ ok: false, problems: [{ path: 'mjml', message: 'line 2: "record" has no field "nope" (did you mean "notes"?)' }] });
    const missing = await api.request('POST', '/email-notifications/templates/preview', { template: RMA_TEMPLATE, documentId: 'nope' });
    expect(missing.status).toBe(400);
  });

  it('lists the variables of a content type and the fields it refuses', async () => {
    const response = await api.request('GET', '/email-notifications/templates/variables?category=record&contentType=api::rma.rma');
    const paths = response.body.data.variables.map((v: any) => v.path);
    expect(paths).toEqual(expect.arrayContaining(['record.number', 'record.customer.email', 'changes.stage.to', 'site.name', 'now.date']));
    expect(paths).not.toContain('record.internalNotes');
    expect(response.body.data.refused).toEqual([{ field: 'internalNotes', reason: '"internalNotes" is private in api::rma.rma and never reaches an email' }]);
    expect(response.body.data.contentTypes.map((c: any) => c.uid)).toEqual(expect.arrayContaining(['api::rma.rma', 'api::ticket.ticket']));
  });

  it('refuses a sensitive field that does not exist in the settings, and applies a valid one at once', async () => {
    const bad = await api.request('PUT', '/email-notifications/settings', { privacy: { sensitiveFields: { 'api::rma.rma': ['nots'] } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors).toEqual([{ path: ['privacy', 'sensitiveFields', 'api::rma', 'rma', '0'], message: 'api::rma.rma has no attribute "nots"' }]);
    const good = await api.request('PUT', '/email-notifications/settings', { privacy: { sensitiveFields: { 'api::customer.customer': ['lastLoginIp'], 'api::rma.rma': ['notes'] } } });
    expect(good.status).toBe(200);
    const variables = await api.request('GET', '/email-notifications/templates/variables?category=record&contentType=api::rma.rma');
    expect(variables.body.data.refused.map((r: any) => r.field)).toEqual(['notes', 'internalNotes']);
    await api.request('PUT', '/email-notifications/settings', { privacy: { sensitiveFields: null } });
  });

  it('needs an admin token', async () => {
    expect((await rawRequest(app.url, 'GET', '/email-notifications/templates')).status).toBe(401);
  });
});

function stripMeta(dto: any) {
  const { id: _id, builtIn: _b, version: _v, createdAt: _c, updatedAt: _up, ...rest } = dto;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null));
}
