/*
 * Rules and the notification profile in a real browser against a real playground Strapi and a real SMTP
 * sink: a rule is created in the editor (a bad recipient field first, shown with its path), dry-run on an
 * RMA (match, recipient, rendered subject, nothing sent), then triggered from the Content Manager, which
 * delivers the mail; an admin subscribes to the rule's category; a schedule rule with a digest template
 * and a role recipient runs on demand. One story on one database, run in order.
 */
import type { Locator, Page } from 'playwright-core';
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { adminApi, type AdminApi } from '../helpers/admin-api';
import {
  chooseOption,
  dismissAnnouncements,
  dismissNotification,
  launchBrowser,
  registerFirstAdmin,
  saveScreenshot,
  type BrowserSession,
} from '../helpers/browser';
import { FAST_DELIVERY, pluginConfigEnv, sinkUrl, waitFor } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

const SUBJECT = 'RMA {{record.number}} authorised';

let sink: SmtpSink;
let app: Playground;
let api: AdminApi;
let session: BrowserSession;
let page: Page;
/** Still "received": the Content Manager moves it to "authorized". */
let rmaId: string;
/** Already "authorized": the dry run pretends it was "received" before. */
let authorizedId: string;
let ruleId: string;

const textbox = (name: string) => page.getByRole('textbox', { name, exact: true });
/** Scrolls the admin's own scrolling container so that `target` sits at its top or bottom edge. */
const scrollTo = (target: Locator, block: 'start' | 'end') => target.evaluate((element, at) => element.scrollIntoView({ block: at }), block);
const ruleRow = (name: string) => page.getByTestId('rule-row').filter({ has: page.getByText(name, { exact: true }) });

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startPlayground({ serveAdminPanel: true, env: { EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port), ...pluginConfigEnv(FAST_DELIVERY) } });
  session = await launchBrowser();
  page = session.page;
  await registerFirstAdmin(page, app.url);
  api = await adminApi(app.url);
  const grace = await app.strapi.documents('api::customer.customer').create({ data: { name: 'Grace', email: 'grace@example.com' } });
  const rma = await app.strapi.documents('api::rma.rma').create({ data: { number: 'RMA-200', stage: 'received', customer: grace.documentId } });
  rmaId = rma.documentId;
  const authorized = await app.strapi.documents('api::rma.rma').create({ data: { number: 'RMA-199', stage: 'authorized', customer: grace.documentId } });
  authorizedId = authorized.documentId;
});

afterAll(async () => {
  await session?.close();
  await app?.stop();
  await sink?.close();
});

beforeEach(async () => {
  if (page.url().startsWith(app.url)) await dismissAnnouncements(page);
});

afterEach(() => {
  expect(session.pageErrors.map(String)).toEqual([]);
});

test('a rule is created in the editor; a recipient field that holds no address is shown with its path', async () => {
  await page.getByRole('link', { name: 'Settings' }).first().click();
  await page.getByRole('link', { name: 'Rules', exact: true }).click();
  await page.waitForURL('**/admin/settings/email-notifications/rules');
  await page.getByText('No rule yet.', { exact: false }).waitFor();
  await page.getByRole('link', { name: 'Create rule' }).first().click();
  await page.waitForURL('**/rules/new');

  await textbox('Name').fill('RMA authorised');
  await textbox('Category').fill('rma');
  await chooseOption(page, 'Content type', 'RMA (api::rma.rma)');
  expect(await page.getByRole('checkbox', { name: 'Update' }).getAttribute('aria-checked')).toBe('true');

  await page.getByRole('button', { name: 'Add condition' }).click();
  const condition = page.getByTestId('condition-row-0');
  await condition.getByRole('combobox', { name: 'Field' }).fill('stage');
  await condition.getByRole('combobox', { name: 'Operator' }).click();
  await page.getByRole('option', { name: 'changed to', exact: true }).click();
  await condition.getByRole('textbox', { name: 'Value' }).fill('authorized');

  const recipient = page.getByTestId('recipient-to-0');
  await recipient.getByRole('combobox', { name: 'Recipient' }).click();
  await page.getByRole('option', { name: 'Record field' }).click();
  await recipient.getByRole('combobox', { name: 'Record field' }).fill('notes');

  await page.getByRole('radio', { name: 'Own subject and text' }).click();
  await textbox('Subject').fill(SUBJECT);
  await textbox('Text').fill('Hello {{record.customer.name}}, RMA {{record.number}} moved from {{changes.stage.from}} to {{changes.stage.to}}.');

  // The server names the faulty entry: listed at the top with its path, and under the input.
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByTestId('form-problems').getByText('recipients.to.0.path', { exact: true }).waitFor();
  await recipient.getByText(/not an email address/).waitFor();
  await dismissNotification(page, /notes/);

  await recipient.getByRole('combobox', { name: 'Record field' }).fill('customer.email');
  await page.getByRole('button', { name: 'Save' }).click();
  await dismissNotification(page, 'Rule created');
  await page.getByRole('heading', { name: 'RMA authorised', level: 1 }).waitFor();
  expect(await page.getByTestId('form-problems').count()).toBe(0);
  const [stored] = (await api.request('GET', '/email-notifications/rules')).body.data;
  ruleId = stored.id;
  expect(page.url()).toMatch(new RegExp(`/rules/${ruleId}$`));
  expect(stored).toMatchObject({
    name: 'RMA authorised',
    category: 'rma',
    enabled: true,
    trigger: { type: 'record', contentType: 'api::rma.rma', events: ['update'] },
    conditions: { all: [{ field: 'stage', op: 'changedTo', value: 'authorized' }] },
    recipients: { to: [{ path: 'customer.email' }], cc: [], bcc: [] },
    template: { subject: SUBJECT },
  });
  await scrollTo(page.getByRole('heading', { name: 'Rule', exact: true }), 'end');
  await saveScreenshot(page, 'rule-editor.png', { height: 2300 });
});

test('the dry run on an RMA shows the match, the customer and the rendered subject, and sends nothing', async () => {
  await textbox('Record id (documentId)').fill(authorizedId);
  await page.getByRole('textbox', { name: 'Values before the change (JSON, optional)' }).fill('{ "stage": "received" }');
  await page.getByRole('button', { name: 'Dry run', exact: true }).click();
  const result = page.getByTestId('dry-run-result');
  await result.getByTestId('dry-run-match').getByText('Matches', { exact: true }).waitFor();
  expect(await result.getByTestId('dry-run-to').innerText()).toMatch(/grace@example\.com/);
  expect(await result.getByTestId('dry-run-subject').innerText()).toBe('RMA RMA-199 authorised');
  expect(await result.getByTestId('dry-run-text').innerText()).toContain('moved from received to authorized');
  expect(await result.getByTestId('explanation-node').count()).toBeGreaterThan(0);
  await scrollTo(result, 'end');
  await saveScreenshot(page, 'rule-dry-run.png', { height: 1400 });

  // The other RMA is still "received": it did not change to "authorized", so no match.
  await textbox('Record id (documentId)').fill(rmaId);
  await page.getByRole('button', { name: 'Dry run', exact: true }).click();
  await result.getByTestId('dry-run-match').getByText('Does not match', { exact: true }).waitFor();
  await result.getByText('now "received", before "received"').waitFor();
  expect(sink.messages).toHaveLength(0);

  // A saved rule is saved whole again (PUT): what the form loaded survives the round trip.
  const before = (await api.request('GET', `/email-notifications/rules/${ruleId}`)).body.data;
  await textbox('Description').fill('Tells the customer');
  await page.getByRole('button', { name: 'Save' }).click();
  await dismissNotification(page, 'Rule saved');
  const after = (await api.request('GET', `/email-notifications/rules/${ruleId}`)).body.data;
  expect(after).toEqual({ ...before, description: 'Tells the customer', updatedAt: after.updatedAt });
});

test('changing the stage in the Content Manager sends the notification; the list counts it', async () => {
  await page.goto(`${app.url}/admin/content-manager/collection-types/api::rma.rma/${rmaId}`);
  const stage = page.getByRole('combobox', { name: /^stage/i });
  await stage.waitFor();
  await stage.click();
  await page.getByRole('option', { name: 'authorized', exact: true }).click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const [mail] = await sink.waitForMessages(1, 20_000);
  expect(mail!.subject).toBe('RMA RMA-200 authorised');
  expect(mail!.envelope.to).toEqual(['grace@example.com']);
  expect(mail!.text).toContain('Hello Grace, RMA RMA-200 moved from received to authorized.');

  await waitFor(async () => (await api.request('GET', `/email-notifications/rules/${ruleId}`)).body.data.stats.sentCount === 1);
  await page.goto(`${app.url}/admin/settings/email-notifications/rules`);
  const row = ruleRow('RMA authorised');
  await row.getByTestId('rule-trigger').getByText('RMA: update', { exact: true }).waitFor();
  expect(await row.getByRole('switch').getAttribute('aria-checked')).toBe('true');
  expect(await row.innerText()).toMatch(/(ago|now)\s+1\s+1\s+0\s/);
  await saveScreenshot(page, 'rules-list.png');

  // The switch turns the rule off and on again (a PUT of the whole rule each time).
  await row.getByRole('switch', { name: 'Enable RMA authorised' }).click();
  await dismissNotification(page, 'Rule "RMA authorised" disabled');
  expect((await api.request('GET', `/email-notifications/rules/${ruleId}`)).body.data.enabled).toBe(false);
  await row.getByRole('switch', { name: 'Enable RMA authorised' }).click();
  await dismissNotification(page, 'Rule "RMA authorised" enabled');
  expect((await api.request('GET', `/email-notifications/rules/${ruleId}`)).body.data.enabled).toBe(true);
});

test('each admin chooses the categories they receive in "My notifications"', async () => {
  await page.getByRole('link', { name: 'My notifications' }).click();
  await page.waitForURL('**/admin/settings/email-notifications/my-notifications');
  await page.getByText('Which rule notifications you receive at admin@example.com.').waitFor();
  const rma = page.getByTestId('profile-categories').getByRole('checkbox', { name: 'rma' });
  expect(await rma.getAttribute('aria-checked')).toBe('false');
  await rma.click();
  await textbox('Alternative email').fill('ada.alerts@example.com');
  await page.getByRole('button', { name: 'Save' }).click();
  await dismissNotification(page, 'Notification settings saved');
  const profile = (await api.request('GET', '/email-notifications/profile')).body.data;
  // The Super Admin may read SMTP events, so their category is offered too.
  expect(profile).toMatchObject({ categories: ['rma'], alternativeEmail: 'ada.alerts@example.com', paused: false, availableCategories: ['rma', 'smtp-events'] });
  await saveScreenshot(page, 'notification-profile.png');
});

test('a schedule rule sends a digest template to an admin role, and "Run now" runs it at once', async () => {
  sink.clear();
  await page.goto(`${app.url}/admin/settings/email-notifications/rules/new`);
  await textbox('Name').fill('Authorised RMAs digest');
  await chooseOption(page, 'Trigger', 'On a schedule (digest)');
  await chooseOption(page, 'Content type', 'RMA (api::rma.rma)');
  await textbox('Cron').fill('0 8 * * 1-5');
  await page.getByRole('textbox', { name: 'Records listed (filters, JSON)' }).fill('{ "stage": "authorized" }');
  const recipient = page.getByTestId('recipient-to-0');
  await recipient.getByRole('combobox', { name: 'Recipient' }).click();
  await page.getByRole('option', { name: 'Role' }).click();
  await recipient.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Super Admin' }).click();
  await page.getByRole('radio', { name: 'Template' }).click();
  await chooseOption(page, 'Template', 'digest');
  await page.getByRole('button', { name: 'Save' }).click();
  await dismissNotification(page, 'Rule created');
  await page.getByRole('heading', { name: 'Authorised RMAs digest', level: 1 }).waitFor();
  const stored = (await api.request('GET', '/email-notifications/rules')).body.data.find((r: { name: string }) => r.name === 'Authorised RMAs digest');
  expect(stored).toMatchObject({
    trigger: { type: 'schedule', cron: '0 8 * * 1-5', timezone: 'UTC', filters: { all: [{ field: 'stage', op: 'equals', value: 'authorized' }] } },
    recipients: { to: [{ role: 'strapi-super-admin' }] },
    template: 'digest',
  });

  await page.getByRole('button', { name: 'Run now' }).click();
  await dismissNotification(page, /Run finished: \d+ records? handled/);
  const [digest] = await sink.waitForMessages(1, 20_000);
  expect(digest!.envelope.to).toEqual(['admin@example.com']);
  await page.getByRole('link', { name: 'Back' }).click();
  await ruleRow('Authorised RMAs digest').getByText('Mon-Fri 08:00 (0 8 * * 1-5, UTC): RMA', { exact: true }).waitFor();
});
