/*
 * The suppressions screen and the rule editor's Delivery card in a real browser against a real
 * playground Strapi: held addresses (a hard bounce and two opt-outs recorded through the public
 * unsubscribe link) are listed with reason, scope, since and until, searched, and two are released at
 * once; a rule's mailbox, recipient IP field, attachments and unsubscribe mode are edited and saved.
 */
import type { Page } from 'playwright-core';
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { adminApi, rawRequest, type AdminApi } from '../helpers/admin-api';
import { chooseOption, dismissAnnouncements, dismissNotification, launchBrowser, registerFirstAdmin, saveScreenshot, type BrowserSession } from '../helpers/browser';
import { FAST_DELIVERY, pluginConfigEnv, sinkUrl, waitFor, waitForSettled } from '../helpers/outbox';
import { freePort, startPlayground, type Playground } from '../helpers/playground';

let sink: SmtpSink;
let app: Playground;
let api: AdminApi;
let session: BrowserSession;
let page: Page;
let ruleId: string;

const SUPPRESSION = 'plugin::email-notifications.suppression';
const row = (address: string) => page.getByRole('row').filter({ hasText: address });

/** Sends the rule's digest to `address` and clicks the one-click link of the received mail. */
async function optOutThroughLink(address: string) {
  const current = (await api.request('GET', `/email-notifications/rules/${ruleId}`)).body.data;
  const { id: _i, stats: _s, managedBy: _m, createdAt: _c, updatedAt: _u, ...rule } = current;
  expect((await api.request('PUT', `/email-notifications/rules/${ruleId}`, { ...rule, recipients: { to: [{ address }], cc: [], bcc: [] } })).status).toBe(200);
  await api.request('POST', `/email-notifications/rules/${ruleId}/run`);
  const mail = await waitFor(async () => sink.messages.find((m) => m.envelope.to.includes(address)));
  const link = /<(https?:\/\/[^>]+)>/.exec(mail.raw.replace(/\r?\n[ \t]+/g, ' '))![1]!;
  expect((await rawRequest('', 'POST', link, { 'List-Unsubscribe': 'One-Click' })).status).toBe(200);
}

beforeAll(async () => {
  sink = await startSmtpSink();
  const port = await freePort();
  const config = { ...FAST_DELIVERY, flood: { caps: [], duplicateWindowMinutes: 0 }, unsubscribe: { publicUrl: `http://127.0.0.1:${port}` } };
  app = await startPlayground({ serveAdminPanel: true, env: { PORT: String(port), EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port), ...pluginConfigEnv(config) } });
  session = await launchBrowser();
  page = session.page;
  await registerFirstAdmin(page, app.url);
  api = await adminApi(app.url);
  await app.strapi.documents('api::rma.rma').create({ data: { number: 'S-1', stage: 'received' } });
  const created = await api.request('POST', '/email-notifications/rules', {
    name: 'Weekly RMA list',
    category: 'rma-weekly',
    unsubscribe: 'allowed',
    trigger: { type: 'schedule', cron: '0 8 * * 1', contentType: 'api::rma.rma', filters: { stage: 'received' } },
    recipients: { to: [{ address: 'first@example.com' }] },
    template: 'digest',
  });
  ruleId = created.body.data.id;
  await optOutThroughLink('first@example.com');
  await optOutThroughLink('second@example.com');
  await waitForSettled(app.strapi);
  const bounced = new Date(Date.now() + 30 * 86_400_000);
  await app.strapi.db.query(SUPPRESSION).create({ data: { address: 'gone@example.com', scope: '*', kind: 'bounce', until: bounced, bounces: 1, reason: 'The receiving server refused the address: 550 5.1.1 user unknown' } });
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

test('the suppressions screen lists bounces and opt-outs, searches, and releases several at once', async () => {
  await page.getByRole('link', { name: 'Settings' }).first().click();
  await page.getByRole('link', { name: 'Suppressions', exact: true }).click();
  await page.waitForURL('**/admin/settings/email-notifications/suppressions');
  await row('first@example.com').waitFor();
  expect(await row('first@example.com').textContent()).toMatch(/Opt-out.*Category rma-weekly.*unsubscribed from "rma-weekly" notifications on \d{4}-\d{2}-\d{2}.*Until released/);
  expect(await row('gone@example.com').textContent()).toMatch(/Hard bounce.*All mail.*550 5\.1\.1 user unknown/);
  await saveScreenshot(page, 'suppressions.png');

  await page.getByRole('searchbox', { name: 'Search addresses' }).fill('gone');
  await waitFor(async () => (await page.getByRole('row').count()) === 2);
  await page.getByRole('button', { name: 'Clear the search' }).click();
  await row('first@example.com').waitFor();

  await page.getByRole('checkbox', { name: 'Select first@example.com' }).click();
  await page.getByRole('checkbox', { name: 'Select gone@example.com' }).click();
  await page.getByRole('button', { name: 'Release (2)' }).click();
  await page.getByRole('alertdialog').getByText('Release 2 addresses? Rules will mail them again.').waitFor();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await dismissNotification(page, '2 addresses released.');
  await row('first@example.com').waitFor({ state: 'detached' });
  expect((await app.strapi.db.query(SUPPRESSION).findMany()).map((r: { address: string }) => r.address)).toEqual(['second@example.com']);
});

test("the rule editor edits the mailbox, the recipient IP field, the attachments and the unsubscribe mode", async () => {
  await page.goto(`${app.url}/admin/settings/email-notifications/rules/${ruleId}`);
  await page.getByRole('heading', { name: 'Delivery' }).waitFor();
  await chooseOption(page, 'Mailbox', 'Default mailbox');
  await chooseOption(page, 'Unsubscribe', 'Critical: never skipped for an opt-out');
  await page.getByLabel('Recipient IP address field', { exact: true }).fill('customer.lastLoginIp');
  await page.getByRole('textbox', { name: 'Attachments' }).fill('notes');
  await page.getByRole('button', { name: 'Save' }).click();
  // A text field is not media: the server's refusal shows under the field.
  await page.getByText('attachments name media fields, like "photos"').first().waitFor();
  await page.getByRole('textbox', { name: 'Attachments' }).fill('photos');
  await page.getByRole('heading', { name: 'Delivery' }).scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'rule-editor-delivery.png');
  await page.getByRole('button', { name: 'Save' }).click();
  await dismissNotification(page, /saved/i);
  const saved = (await api.request('GET', `/email-notifications/rules/${ruleId}`)).body.data;
  expect(saved).toEqual(expect.objectContaining({ mailbox: 'Default mailbox', unsubscribe: 'critical', recipientIpPath: 'customer.lastLoginIp', attachments: ['photos'] }));
  await page.reload();
  await page.getByRole('heading', { name: 'Delivery' }).waitFor();
  expect(await page.getByRole('textbox', { name: 'Attachments' }).inputValue()).toBe('photos');
});
