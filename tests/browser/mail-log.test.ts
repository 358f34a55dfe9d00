/*
 * The Mail log page in a real browser against a real playground Strapi and a real SMTP sink: a sent,
 * a failed (550) and a queued message; the detail with the sandboxed body and the attempt history;
 * Retry, Cancel, Delete; the health counts and a problem alert while the only mailbox is disabled.
 * The tests are the steps of one story on one database and run in order.
 */
import type { Page } from 'playwright-core';
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { adminApi, type AdminApi } from '../helpers/admin-api';
import { dismissAnnouncements, dismissNotification, launchBrowser, registerFirstAdmin, saveScreenshot, type BrowserSession } from '../helpers/browser';
import { FAST_DELIVERY, messageRows, pluginConfigEnv, waitFor, waitForSettled, sinkUrl } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

let sink: SmtpSink;
let app: Playground;
let api: AdminApi;
let session: BrowserSession;
let page: Page;

const send = (message: Record<string, unknown>) => app.strapi.plugin('email-notifications').service('notifications').send(message);

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startPlayground({
    serveAdminPanel: true,
    env: { EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port), ...pluginConfigEnv(FAST_DELIVERY) },
  });
  session = await launchBrowser();
  page = session.page;
  await registerFirstAdmin(page, app.url);
  api = await adminApi(app.url);

  await send({
    to: 'customer@example.com',
    subject: 'Your RMA was approved',
    text: 'RMA 1042 approved.',
    html: '<h1>RMA approved</h1><p>RMA 1042 approved.</p>',
  });
  await waitForSettled(app.strapi);
  sink.setFaults({ rejectRecipient: 'bounce@' });
  await send({ to: 'bounce@example.com', subject: 'Ticket update', text: 'Ticket 311 was updated.', html: '<p>Ticket <b>311</b> was updated.</p>' });
  await waitForSettled(app.strapi);
  await send({ to: 'later@example.com', subject: 'Survey reminder', text: 'Tell us how we did.', delaySeconds: 3600 });
  await send({ to: 'later@example.com', subject: 'Follow-up call', text: 'We will call you.', delaySeconds: 3600 });
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

const row = (subject: string) => page.getByRole('row').filter({ hasText: subject });
const tab = (name: string) => page.getByRole('tab', { name, exact: true });
const count = (status: string) => page.getByTestId(`health-count-${status}`);
const history = () => page.getByTestId('attempt-history');
const htmlBody = () => page.frameLocator('iframe[title^="HTML body"]');

async function openTab(name: string) {
  await tab(name).click();
  await page.waitForURL(new RegExp(`tab=${name.toLowerCase()}`));
}

test('the Sent tab lists the sent message, and the health shows the counts', async () => {
  await page.getByRole('link', { name: 'Mail log', exact: true }).click();
  await page.waitForURL('**/admin/plugins/email-notifications');
  await page.getByRole('heading', { name: 'Mail log', level: 1 }).waitFor();
  expect(await tab('Sent').getAttribute('aria-selected')).toBe('true');
  await row('Your RMA was approved').getByText('customer@example.com').waitFor();
  await row('Your RMA was approved').getByText('Default mailbox').waitFor();
  expect(await row('Ticket update').count()).toBe(0);
  for (const [status, n] of Object.entries({ sent: '1', failed: '1', queued: '2' })) await count(status).getByText(n, { exact: true }).waitFor();
  await page.getByRole('button', { name: /Delivery workers/ }).click();
  await page.getByText('Running', { exact: true }).first().waitFor();
  await saveScreenshot(page, 'mail-log-sent.png');
});

test('the detail renders the HTML body in a sandboxed iframe, the text part, and the attempt history', async () => {
  await row('Your RMA was approved').click();
  await page.getByRole('heading', { name: 'Your RMA was approved', level: 1 }).waitFor();
  expect(await page.locator('iframe[title^="HTML body"]').getAttribute('sandbox')).toBe('');
  await htmlBody().getByRole('heading', { name: 'RMA approved' }).waitFor();
  await history().getByRole('row').filter({ hasText: 'Default mailbox' }).getByText('Sent', { exact: true }).waitFor();
  await history().getByText('Chosen: default mailbox "Default mailbox"').waitFor();
  expect(await page.getByTestId('server-response').innerText()).toMatch(/250/);
  expect(await page.getByTestId('message-id').innerText()).toMatch(/@/);
  await page.getByRole('tab', { name: 'Text' }).click();
  await page.getByTestId('body-text').getByText('RMA 1042 approved.').waitFor();
  await page.getByRole('tab', { name: 'HTML' }).click();
  await htmlBody().getByText('RMA 1042 approved.').waitFor();
  await page.getByRole('link', { name: 'Back' }).click();
  await tab('Sent').waitFor();
});

test('the Failed tab shows the 550 error; Retry sends it and it moves to Sent', async () => {
  await openTab('Failed');
  await row('Ticket update').getByText(/550/).waitFor();
  await saveScreenshot(page, 'mail-log-failed.png');

  await row('Ticket update').click();
  await page.getByTestId('last-error').getByText(/550/).waitFor();
  sink.setFaults({});
  sink.clear();
  await page.getByRole('button', { name: 'Retry' }).click();
  await dismissNotification(page, 'Message queued again');
  const [received] = await sink.waitForMessages(1);
  expect(received.subject).toBe('Ticket update');
  // The detail re-reads a queued message until it settles.
  await page.getByRole('heading', { level: 1, name: 'Ticket update' }).waitFor();
  await page.getByTestId('message-status').getByText('Sent', { exact: true }).waitFor();
  await history()
    .getByText(/Queued again by/)
    .waitFor();
  await htmlBody().getByText('was updated.').waitFor();
  await saveScreenshot(page, 'mail-log-detail.png', { height: 1900 });

  await page.getByRole('link', { name: 'Back' }).click();
  await page.getByText('No failed or cancelled message.').waitFor();
  await openTab('Sent');
  await row('Ticket update').waitFor();
  // The recipient filter narrows the tab and lives in the URL.
  await page.getByRole('textbox', { name: 'Recipient' }).fill('bounce@');
  await page.waitForURL(/filters\[recipient\]=bounce/);
  await row('Your RMA was approved').waitFor({ state: 'detached' });
  await row('Ticket update').waitFor();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await row('Your RMA was approved').waitFor();
  await page.getByRole('combobox', { name: 'Mailbox' }).click();
  await page.getByRole('option', { name: 'Default mailbox' }).click();
  await page.waitForURL(/filters\[mailbox\]=/);
  await row('Ticket update').waitFor();
  await row('Your RMA was approved').waitFor();

  // Days are local calendar days; nothing was created from next year on.
  await page.goto(`${app.url}/admin/plugins/email-notifications?tab=sent&filters[since]=${new Date().getFullYear() + 1}-01-01`);
  await page.getByText('No message matches these filters.').waitFor();

  // Newest first, one per page: Strapi's pagination links move through the pages.
  await page.goto(`${app.url}/admin/plugins/email-notifications?tab=sent&page=1&pageSize=1`);
  await row('Ticket update').waitFor();
  expect(await row('Your RMA was approved').count()).toBe(0);
  await page.getByRole('link', { name: 'Go to page 2' }).click();
  await row('Your RMA was approved').waitFor();
  expect(await row('Ticket update').count()).toBe(0);
  // Tabs keep the page size: back to the default for the next steps.
  await page.goto(`${app.url}/admin/plugins/email-notifications`);
});

test('the Outbox tab shows the queued messages with their next attempt; Cancel (and a refused one), then Delete', async () => {
  await openTab('Outbox');
  for (const subject of ['Survey reminder', 'Follow-up call']) {
    expect(await row(subject).getByTestId('next-attempt').innerText()).toMatch(/\d{1,2}:\d{2}:\d{2}\s?[AP]M/);
  }
  await saveScreenshot(page, 'mail-log-outbox.png');

  // Cancelled behind the page's back: the server refuses (409), the page says why and shows the new state.
  await row('Follow-up call').click();
  await page.getByRole('heading', { name: 'Follow-up call', level: 1 }).waitFor();
  const [followUp] = await messageRows(app.strapi, { subject: 'Follow-up call' });
  expect((await api.request('POST', `/email-notifications/messages/${followUp.documentId}/cancel`)).status).toBe(200);
  await page.getByRole('button', { name: 'Cancel sending' }).click();
  // The reason alone, without the server's internal field name ("status: ...").
  await dismissNotification(page, /(?<!status: )only queued messages can be cancelled; this one is cancelled/);
  await page.getByTestId('message-status').getByText('Cancelled', { exact: true }).waitFor();
  await page.getByRole('link', { name: 'Back' }).click();

  await row('Survey reminder').click();
  await page.getByRole('button', { name: 'Cancel sending' }).click();
  await dismissNotification(page, 'Message cancelled');
  await history()
    .getByText(/Cancelled by/)
    .waitFor();
  await page.getByRole('button', { name: 'Retry' }).waitFor();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
  await dismissNotification(page, 'Message deleted');
  await page.getByText('The outbox is empty: nothing is waiting to be sent.').waitFor();
  expect(await messageRows(app.strapi, { subject: 'Survey reminder' })).toEqual([]);
  await openTab('Failed');
  await row('Follow-up call')
    .getByText(/^Cancelled on /)
    .waitFor();
  expect(await row('Survey reminder').count()).toBe(0);
});

test('a problem alert appears while the only mailbox is disabled, and goes once it is enabled again', async () => {
  sink.clear();
  const [mailbox] = (await api.request('GET', '/email-notifications/mailboxes')).body.data;
  expect((await api.request('PUT', `/email-notifications/mailboxes/${mailbox.id}`, { enabled: false })).status).toBe(200);
  const { messageId } = await send({ to: 'waiting@example.com', subject: 'Waits for a mailbox', text: 'x' });
  await waitFor(async () => (await messageRows(app.strapi, { documentId: messageId }))[0]?.waitingReason);

  await openTab('Outbox');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await row('Waits for a mailbox')
    .getByText(/Every outgoing mailbox is disabled/)
    .waitFor();
  const alert = page.getByTestId('health-problem-NO_MAILBOX');
  await alert.getByText('No outgoing mailbox is enabled', { exact: true }).waitFor();
  await count('queued').getByText('1', { exact: true }).waitFor();
  await saveScreenshot(page, 'mail-log-health-problem.png');

  expect((await api.request('PUT', `/email-notifications/mailboxes/${mailbox.id}`, { enabled: true })).status).toBe(200);
  await sink.waitForMessages(1, 20_000);
  await waitForSettled(app.strapi);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await alert.waitFor({ state: 'detached' });
  await page.getByText('The outbox is empty: nothing is waiting to be sent.').waitFor();
});
