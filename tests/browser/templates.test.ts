/*
 * Settings > Email notifications > Templates in a real browser against a real playground Strapi: the
 * built-ins are listed, a template for RMAs is written with a live preview (read from the sandboxed
 * iframe), an unknown variable shows its line under the editor, a second save has a version with a
 * diff, and its exported files import as a copy. The tests are the steps of one story and run in order.
 */
import fs from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { adminApi, type AdminApi } from '../helpers/admin-api';
import {
  chooseOption,
  describedByText,
  dismissAnnouncements,
  dismissNotification,
  launchBrowser,
  registerFirstAdmin,
  saveScreenshot,
  type BrowserSession,
} from '../helpers/browser';
import { waitFor } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

let app: Playground;
let api: AdminApi;
let session: BrowserSession;
let page: Page;

const BODY = (variable: string) => `<mj-section>
  <mj-column>
    <mj-text><p>Hello {{record.customer.name}}, RMA ${variable} is {{record.stage}}.</p></mj-text>
  </mj-column>
</mj-section>`;

const textbox = (name: string) => page.getByRole('textbox', { name, exact: true });
const templateRow = (name: string) => page.getByTestId('template-row').filter({ has: page.getByText(name, { exact: true }) });
const previewBody = () => page.frameLocator('iframe[title="HTML preview"]').locator('body');

beforeAll(async () => {
  app = await startPlayground({ serveAdminPanel: true });
  session = await launchBrowser();
  page = session.page;
  await registerFirstAdmin(page, app.url);
  api = await adminApi(app.url);
});

afterAll(async () => {
  await session?.close();
  await app?.stop();
});

beforeEach(async () => {
  if (page.url().startsWith(app.url)) await dismissAnnouncements(page);
});

afterEach(() => {
  expect(session.pageErrors.map(String)).toEqual([]);
});

test('the template list shows the built-in templates as defaults', async () => {
  await page.getByRole('link', { name: 'Settings' }).first().click();
  await page.getByRole('link', { name: 'Templates', exact: true }).click();
  await page.waitForURL('**/admin/settings/email-notifications/templates');
  await page.getByRole('heading', { name: 'Templates', level: 1 }).waitFor();
  for (const name of ['master', 'record-changed', 'digest', 'time-exceeded', 'smtp-failure-alert', 'test-email']) {
    await templateRow(name).getByText('Default', { exact: true }).waitFor();
  }
  await templateRow('master').getByText('Layout', { exact: true }).waitFor();
  // Built-ins are edited or restored, never deleted.
  expect(await page.getByRole('button', { name: /^Delete / }).count()).toBe(0);
  await saveScreenshot(page, 'templates-list.png');
});

test('a new template previews live; an unknown variable is shown with its line under the editor', async () => {
  await page.getByRole('link', { name: 'Create template' }).first().click();
  await page.waitForURL('**/templates/new');
  await textbox('Name').fill('rma-stage-changed');
  await textbox('Description').fill('Tells the customer where their RMA is');
  await chooseOption(page, 'Content type', /\(api::rma\.rma\)$/);
  await textbox('Subject').fill('RMA {{record.number}} is now {{record.stage}}');
  await textbox('Body (MJML)').fill(BODY('{{record.number}}'));

  await page.getByTestId('preview-subject').getByText(/^RMA number 1 is now \S+$/).waitFor();
  await previewBody().getByText(/Hello .+, RMA number 1 is/).waitFor();
  expect(await page.getByTestId('preview-size').innerText()).toMatch(/^[\d.]+ KB of 100 KB$/);
  // Private fields of the content type are listed with the reason, never offered.
  expect(await page.getByTestId('template-refused-fields').innerText()).toContain('"internalNotes" is private in api::rma.rma');

  // A variable from the list goes where the cursor was.
  await textbox('Subject').click();
  await page.keyboard.press('End');
  await textbox('Subject').pressSequentially(' for ');
  await page.getByRole('button', { name: 'Insert {{ record.customer.name }}' }).click();
  expect(await textbox('Subject').inputValue()).toBe('RMA {{record.number}} is now {{record.stage}} for {{ record.customer.name }}');

  await textbox('Body (MJML)').fill(BODY('{{record.numbr}}'));
  const message = 'line 3: "record" has no field "numbr" (did you mean "number"?)';
  await page.getByTestId('preview-problems').getByText(`mjml: ${message}`).waitFor();
  expect(await textbox('Body (MJML)').getAttribute('aria-invalid')).toBe('true');
  expect(await describedByText(textbox('Body (MJML)'))).toContain(message);

  await page.getByRole('button', { name: 'Mobile' }).click();
  expect(await page.locator('iframe[title="HTML preview"]').evaluate((frame) => frame.getBoundingClientRect().width)).toBe(375);
  await page.getByRole('button', { name: 'Desktop' }).click();

  await textbox('Body (MJML)').fill(BODY('{{record.number}}'));
  await page.getByTestId('preview-problems').waitFor({ state: 'detached' });
  expect(await textbox('Body (MJML)').getAttribute('aria-invalid')).not.toBe('true');
  await page.getByRole('tab', { name: 'Text' }).click();
  expect(await page.getByTestId('preview-text').innerText()).toMatch(/Hello .+, RMA number 1 is/);
  await page.getByRole('tab', { name: 'HTML' }).click();

  await page.getByRole('button', { name: 'Save' }).click();
  await dismissNotification(page, 'Template created');
  await page.getByRole('heading', { name: 'rma-stage-changed', level: 1 }).waitFor();
  const [stored] = (await api.request('GET', '/email-notifications/templates')).body.data.filter((t: { name: string }) => t.name === 'rma-stage-changed');
  expect(stored).toMatchObject({ category: 'record', contentType: 'api::rma.rma', version: 1, mjml: BODY('{{record.number}}'), editedBy: 'admin@example.com' });
  expect(page.url()).toMatch(new RegExp(`/templates/${stored.id}$`));
  await previewBody().getByText(/RMA number 1 is/).waitFor();
  await page.getByRole('link', { name: 'Back' }).evaluate((link) => link.scrollIntoView({ block: 'end' }));
  await saveScreenshot(page, 'template-editor.png', { height: 2400 });
});

test('a second save keeps version 1, shown with its diff in the Versions dialog', async () => {
  // Back leaves the editor at once: previews must not have added browser history entries.
  await page.getByRole('link', { name: 'Back' }).click();
  await page.waitForURL('**/admin/settings/email-notifications/templates');
  await templateRow('rma-stage-changed').getByRole('button', { name: 'Edit rma-stage-changed' }).click();
  await page.getByRole('heading', { name: 'rma-stage-changed', level: 1 }).waitFor();
  await textbox('Subject').fill('Your RMA {{record.number}}: {{record.stage}}');
  await page.getByRole('button', { name: 'Save' }).click();
  await dismissNotification(page, 'Template saved (version 2)');

  await page.getByRole('button', { name: 'Versions' }).click();
  const dialog = page.getByRole('dialog', { name: 'Versions of rma-stage-changed' });
  const row = dialog.getByTestId('template-version-row');
  await row.getByText('Version 1', { exact: true }).waitFor();
  expect(await row.count()).toBe(1);
  await row.getByText('admin@example.com').waitFor();
  await row.getByRole('button', { name: 'Show diff' }).click();
  const diff = dialog.getByTestId('template-diff');
  await diff.waitFor();
  expect(await diff.locator('[data-kind="removed"]').allInnerTexts()).toContain('-subject: RMA {{record.number}} is now {{record.stage}} for {{ record.customer.name }}');
  expect(await diff.locator('[data-kind="added"]').allInnerTexts()).toContain('+subject: Your RMA {{record.number}}: {{record.stage}}');
  await saveScreenshot(page, 'template-versions.png');
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await dialog.waitFor({ state: 'detached' });
});

test('Export downloads the .mjml and .json; importing them under a new name creates a template', async () => {
  const downloads: Download[] = [];
  page.on('download', (download) => downloads.push(download));
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await waitFor(async () => downloads.length === 2);
  expect(downloads.map((d) => d.suggestedFilename())).toEqual(['rma-stage-changed.mjml', 'rma-stage-changed.json']);
  const read = async (download: Download) => fs.readFileSync((await download.path())!, 'utf8');
  const [mjml, json] = await Promise.all(downloads.map(read));
  expect(mjml).toBe(BODY('{{record.number}}'));

  await page.getByRole('link', { name: 'Back' }).click();
  await page.waitForURL('**/admin/settings/email-notifications/templates');
  await page.getByTestId('template-import-input').setInputFiles([
    { name: 'rma-copy.mjml', mimeType: 'text/plain', buffer: Buffer.from(mjml!) },
    { name: 'rma-copy.json', mimeType: 'application/json', buffer: Buffer.from(json!.replace('"rma-stage-changed"', '"rma-copy"')) },
  ]);
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await dialog.getByText('Created rma-copy (en)', { exact: true }).waitFor();
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await templateRow('rma-copy').getByText('api::rma.rma').waitFor();
});

test('a field marked sensitive on the Options page is refused in the template editor', async () => {
  await page.getByRole('link', { name: 'Options', exact: true }).click();
  await page.waitForURL('**/admin/settings/email-notifications/options');
  expect(await page.getByRole('spinbutton', { name: 'Largest rendered email', exact: true }).inputValue()).toBe('102400');
  const sensitive = textbox('Sensitive fields');
  await sensitive.fill('api::rma.rma notes');
  await page.getByRole('button', { name: 'Save' }).click();
  await dismissNotification(page, /^line 1: write a content type UID/);
  expect(await describedByText(sensitive)).toContain('line 1: write a content type UID, a colon and field names');

  await sensitive.fill('api::rma.rma: notes, ownerEmail');
  await page.getByRole('button', { name: 'Save' }).click();
  await dismissNotification(page, 'Options saved');
  const settings = (await api.request('GET', '/email-notifications/settings')).body.data;
  expect(settings.overridden.privacy).toEqual({ sensitiveFields: { 'api::rma.rma': ['notes', 'ownerEmail'] } });
  await page.getByTestId('override-privacy.sensitiveFields').getByText('Changed here').waitFor();

  await page.getByRole('link', { name: 'Templates', exact: true }).click();
  await templateRow('rma-stage-changed').click();
  await page.getByRole('heading', { name: 'rma-stage-changed', level: 1 }).waitFor();
  await page.getByTestId('template-refused-fields').getByText('"notes" of api::rma.rma is marked sensitive', { exact: false }).waitFor();
  expect(await page.getByRole('button', { name: 'Insert {{ record.ownerEmail }}' }).count()).toBe(0);
});

test('an edited built-in is marked "Edited" until its default is restored; a copy is deleted after a confirmation', async () => {
  await page.getByRole('link', { name: 'Back' }).click();
  await page.waitForURL('**/admin/settings/email-notifications/templates');
  await templateRow('digest').click();
  await page.getByRole('heading', { name: 'digest', level: 1 }).waitFor();
  const original = await textbox('Subject').inputValue();
  await textbox('Subject').fill('Morning list ({{count}})');
  await page.getByRole('button', { name: 'Save' }).click();
  await dismissNotification(page, 'Template saved (version 2)');
  // Built-ins are restored, not deleted.
  expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);

  await page.getByRole('link', { name: 'Back' }).click();
  await templateRow('digest').getByText('Edited', { exact: true }).waitFor();
  await templateRow('digest').click();
  await page.getByRole('button', { name: 'Restore default' }).click();
  await page.getByRole('alertdialog').getByText('Put the built-in "digest" back as shipped?', { exact: false }).waitFor();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
  await dismissNotification(page, 'Default restored');
  expect(await textbox('Subject').inputValue()).toBe(original);

  await page.getByRole('link', { name: 'Back' }).click();
  await templateRow('digest').getByText('Default', { exact: true }).waitFor();
  await templateRow('rma-copy').getByRole('button', { name: 'Delete rma-copy' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
  await dismissNotification(page, 'Template "rma-copy" deleted');
  await templateRow('rma-copy').waitFor({ state: 'detached' });
});
