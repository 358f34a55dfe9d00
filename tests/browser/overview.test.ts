/*
 * The Mail log's Overview and the home page widget in a real browser against a real playground Strapi
 * and a real SMTP sink: sent, bounced, refused and waiting messages drawn as bars, the filters by
 * mailbox and task group changing them, the oldest waiting message and the mailboxes at a glance, and
 * the widget on Strapi's home page, which an admin without messages.read does not get.
 * The tests are the steps of one story on one database and run in order.
 */
import type { Page } from 'playwright-core';
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { adminApi, adminWithRole, type AdminApi } from '../helpers/admin-api';
import { chooseOption, launchBrowser, registerFirstAdmin, saveScreenshot, type BrowserSession } from '../helpers/browser';
import { FAST_DELIVERY, pluginConfigEnv, sinkUrl, waitForSettled } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

let sink: SmtpSink;
let app: Playground;
let api: AdminApi;
let session: BrowserSession;
let page: Page;

const send = (message: Record<string, unknown>) => app.strapi.plugin('email-notifications').service('notifications').send(message);

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startPlayground({ serveAdminPanel: true, env: { EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port), ...pluginConfigEnv(FAST_DELIVERY) } });
  session = await launchBrowser();
  page = session.page;
  // The admin's first load (its bundle, compiled on a busy machine) can take longer than the default.
  page.setDefaultTimeout(60_000);
  await registerFirstAdmin(page, app.url);
  api = await adminApi(app.url);
  const backup = await api.request('POST', '/email-notifications/mailboxes', {
    name: 'Backup', fromAddress: 'backup@example.com', host: '127.0.0.1', port: sink.port, security: 'none', dailyQuota: 500, priority: 50,
  });
  expect(backup.status).toBe(201);
  const group = await api.request('POST', '/email-notifications/task-groups', { name: 'billing', strategy: 'failover', mailboxes: [backup.body.data.id] });
  expect(group.status).toBe(201);

  for (let i = 0; i < 3; i += 1) await send({ to: `customer${i}@example.com`, subject: `RMA ${1040 + i} approved`, text: 'Approved.' });
  await send({ to: 'billing@example.com', subject: 'Invoice 77', text: 'Your invoice.', taskGroup: 'billing' });
  await waitForSettled(app.strapi);
  sink.setFaults({ rejectRecipient: 'bounce@' });
  await send({ to: 'bounce@example.com', subject: 'Ticket update', text: 'Ticket 311 was updated.' });
  await waitForSettled(app.strapi);
  sink.setFaults({ dataResponseCode: 554 });
  await send({ to: 'policy@example.com', subject: 'Refused content', text: 'x' });
  await waitForSettled(app.strapi);
  sink.setFaults({});
  await send({ to: 'later@example.com', subject: 'Survey reminder', text: 'Tell us how we did.', delaySeconds: 3600 });
}, 600_000);

afterAll(async () => {
  await session?.close();
  await app?.stop();
  await sink?.close();
});

afterEach(() => {
  expect(session.pageErrors.map(String)).toEqual([]);
});

const chart = (bucket: 'hour' | 'day') => page.getByTestId(`stats-chart-${bucket}`);
/** The drawn bars of a chart (recharts draws one path per non-empty bar segment). */
const bars = (bucket: 'hour' | 'day') => chart(bucket).locator('svg .recharts-bar-rectangle path');
const totals = () => page.getByTestId('overview-totals');

test('the Overview draws the last 48 hours and 30 days from the real sends', async () => {
  await page.goto(`${app.url}/admin/plugins/email-notifications`);
  await page.getByRole('tab', { name: 'Overview', exact: true }).click();
  await page.waitForURL(/tab=overview/);
  await totals().getByText('Last 48 hours: 4 sent, 1 failed, 1 bounced, 1 waiting.').waitFor();
  // This hour's bar has four segments (sent, failed, bounced, waiting); today's the same.
  expect(await bars('hour').count()).toBe(4);
  expect(await bars('day').count()).toBe(4);
  const fills = await bars('hour').evaluateAll((paths) => paths.map((p) => p.getAttribute('fill')));
  expect(new Set(fills).size).toBe(4);
  // recharts orders the legend by name.
  expect(await chart('hour').locator('.recharts-legend-item-text').allInnerTexts()).toEqual(['Bounced', 'Failed', 'Sent', 'Waiting']);

  await page.getByTestId('oldest-queued').getByRole('link', { name: 'Survey reminder' }).waitFor();
  const glance = page.getByTestId('mailbox-glance');
  await glance.filter({ hasText: 'Default mailbox' }).getByText('Closed').waitFor();
  await glance.filter({ hasText: 'Backup' }).getByText('1 of 500').waitFor();
  await saveScreenshot(page, 'mail-log-overview.png', { height: 1500 });
});

test('the filters by mailbox and task group change the charts and live in the URL', async () => {
  await chooseOption(page, 'Mailbox', 'Backup');
  await page.waitForURL(/overview\[mailbox\]=/);
  await totals().getByText('Last 48 hours: 1 sent, 0 failed, 0 bounced, 0 waiting.').waitFor();
  expect(await bars('hour').count()).toBe(1);
  await page.getByRole('button', { name: 'Show every mailbox' }).click();
  await totals().getByText('4 sent', { exact: false }).waitFor();

  await chooseOption(page, 'Task group', 'billing');
  await page.waitForURL(/overview\[taskGroup\]=billing/);
  await totals().getByText('Last 48 hours: 1 sent, 0 failed, 0 bounced, 0 waiting.').waitFor();
  await page.reload();
  await totals().getByText('Last 48 hours: 1 sent, 0 failed, 0 bounced, 0 waiting.').waitFor();
  await page.getByRole('button', { name: 'Show every task group' }).click();
  await totals().getByText('4 sent', { exact: false }).waitFor();

  await page.getByTestId('oldest-queued').getByRole('link', { name: 'Survey reminder' }).click();
  await page.getByRole('heading', { name: 'Survey reminder', level: 1 }).waitFor();
});

test('the home page widget shows the last 24 hours and links to the Mail log', async () => {
  await page.goto(`${app.url}/admin`);
  const widget = page.getByTestId('mail-widget');
  await widget.waitFor();
  await page.getByTestId('mail-widget-sent').getByText('4', { exact: true }).waitFor();
  await page.getByTestId('mail-widget-failed').getByText('2', { exact: true }).waitFor();
  await page.getByTestId('mail-widget-queued').getByText('1', { exact: true }).waitFor();
  expect(await widget.locator('svg .recharts-bar-rectangle path').count()).toBe(4);
  await page.getByRole('heading', { name: 'Email, last 24 hours' }).waitFor();
  // Strapi's own widgets come first: bring this one into the shot.
  await widget.scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'home-widget.png');
  await page.getByRole('link', { name: 'Open the Mail log' }).click();
  await page.waitForURL('**/admin/plugins/email-notifications');
  await page.getByRole('heading', { name: 'Mail log', level: 1 }).waitFor();
});

test('an admin without messages.read gets no widget on the home page', async () => {
  await adminWithRole(api, app.url, 'Mailbox keeper', [{ action: 'plugin::email-notifications.mailboxes.read' }]);
  const context = await session.browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
  const other = await context.newPage();
  try {
    await other.goto(`${app.url}/admin/auth/login`);
    await other.locator('input[name="email"]').fill('mailbox-keeper@example.com');
    await other.locator('input[name="password"]').fill('Tester-Passw0rd!');
    await other.getByRole('button', { name: 'Login' }).click();
    await other.waitForURL((url) => !url.pathname.includes('/auth/'));
    await other.getByRole('heading', { name: /Hello/, level: 1 }).waitFor();
    // The home page checks each widget's permissions first: give it time to decide, then look.
    await other.getByRole('heading', { name: 'Email, last 24 hours' }).waitFor({ state: 'detached', timeout: 5000 });
    await other.waitForTimeout(1500);
    expect(await other.getByTestId('mail-widget').count()).toBe(0);
    expect(await other.getByRole('heading', { name: 'Email, last 24 hours' }).count()).toBe(0);
  } finally {
    await context.close();
  }
});
