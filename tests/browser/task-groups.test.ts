/*
 * Task groups, mailbox health and mailbox locations in a real browser against a real playground Strapi
 * and three real SMTP servers (two accept mail, one refuses the login so its circuit opens). The tests
 * are the steps of one story on one database and run in order.
 */
import type { Locator, Page } from 'playwright-core';
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
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
import { FAST_DELIVERY, pluginConfigEnv, waitFor, waitForSettled } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

const LOGIN = { user: 'mailer@example.com', pass: 'right-Passw0rd' };
// An open circuit stays open for the whole test, so "Failing until" is still true when the page looks.
const CIRCUIT_OPEN_MS = 10 * 60_000;

let sinkA: SmtpSink;
let sinkB: SmtpSink;
let loginSink: SmtpSink;
let app: Playground;
let api: AdminApi;
let session: BrowserSession;
let page: Page;
const ids: Record<'a' | 'b' | 'broken', string> = { a: '', b: '', broken: '' };

const send = (message: Record<string, unknown>) => app.strapi.plugin('email-notifications').service('notifications').send(message);

async function createMailbox(body: Record<string, unknown>): Promise<string> {
  const response = await api.request('POST', '/email-notifications/mailboxes', { host: '127.0.0.1', security: 'none', ...body });
  expect(response.status).toBe(201);
  return response.body.data.id;
}

const mailboxRow = (name: string) => page.getByRole('row', { name: new RegExp(name) });
const groupRow = (name: string) => page.getByRole('row').filter({ has: page.getByText(name, { exact: true }) });
const textbox = (name: string) => page.getByRole('textbox', { name, exact: true });
const groupMailboxes = () => page.getByTestId('task-group-mailboxes').getByTestId('task-group-member');
const clockTime = (iso: string) => new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

async function expectInvalid(input: Locator, message: string | RegExp) {
  expect(await input.getAttribute('aria-invalid')).toBe('true');
  expect(await describedByText(input)).toMatch(message);
}

beforeAll(async () => {
  [sinkA, sinkB, loginSink] = await Promise.all([startSmtpSink(), startSmtpSink(), startSmtpSink({ auth: LOGIN })]);
  app = await startPlayground({
    serveAdminPanel: true,
    env: pluginConfigEnv({ ...FAST_DELIVERY, delivery: { ...FAST_DELIVERY.delivery, circuitBreakMs: CIRCUIT_OPEN_MS, circuitBreakMaxMs: CIRCUIT_OPEN_MS } }),
  });
  session = await launchBrowser();
  page = session.page;
  await registerFirstAdmin(page, app.url);
  api = await adminApi(app.url);

  ids.a = await createMailbox({ name: 'Helpdesk A', fromAddress: 'a@example.com', port: sinkA.port, isDefault: true, dailyQuota: 50, rateLimitPerMinute: 10 });
  ids.b = await createMailbox({ name: 'Helpdesk B', fromAddress: 'b@example.com', port: sinkB.port });
  ids.broken = await createMailbox({
    name: 'Broken login',
    fromAddress: LOGIN.user,
    port: loginSink.port,
    authType: 'login',
    authUser: LOGIN.user,
    password: 'wrong-password',
  });

  for (const n of [1, 2]) await send({ to: 'customer@example.com', subject: `Through A ${n}`, text: 'x', mailbox: 'Helpdesk A' });
  await send({ to: 'customer@example.com', subject: 'Through B', text: 'x', mailbox: 'Helpdesk B' });
  await waitForSettled(app.strapi);
  // The refused login opens the circuit at once; the message then goes through the default mailbox (A).
  await send({ to: 'customer@example.com', subject: 'Through the broken one', text: 'x', mailbox: 'Broken login' });
  await waitFor(async () => (await api.request('GET', `/email-notifications/mailboxes/${ids.broken}`)).body.data.health.circuitOpenUntil);
  await waitForSettled(app.strapi);
});

afterAll(async () => {
  await session?.close();
  await app?.stop();
  await Promise.all([sinkA?.close(), sinkB?.close(), loginSink?.close()]);
});

beforeEach(async () => {
  if (page.url().startsWith(app.url)) await dismissAnnouncements(page);
});

afterEach(() => {
  expect(session.pageErrors.map(String)).toEqual([]);
});

test('the mailbox list shows each mailbox health and what it sent today', async () => {
  const broken = (await api.request('GET', `/email-notifications/mailboxes/${ids.broken}`)).body.data;
  await page.getByRole('link', { name: 'Settings' }).first().click();
  await page.getByRole('link', { name: 'Mailboxes' }).click();
  await page.waitForURL('**/admin/settings/email-notifications/mailboxes');

  await mailboxRow('Helpdesk A').getByText('Healthy', { exact: true }).waitFor();
  expect(await mailboxRow('Helpdesk A').getByTestId('mailbox-usage').innerText()).toMatch(/^3 \/ 50\s+3 \/ 10 this minute$/);
  await mailboxRow('Helpdesk B').getByText('Healthy', { exact: true }).waitFor();
  expect(await mailboxRow('Helpdesk B').getByTestId('mailbox-usage').innerText()).toBe('1');

  const health = mailboxRow('Broken login').getByTestId('mailbox-health');
  expect(await health.textContent()).toBe(`Failing until ${clockTime(broken.health.circuitOpenUntil)}`);
  expect(await mailboxRow('Broken login').getByTestId('mailbox-usage').innerText()).toBe('0');
  await health.hover();
  expect(await page.getByRole('tooltip').innerText()).toMatch(/^Last failure: .*535/);
  await page.mouse.move(0, 0);
  await saveScreenshot(page, 'mailboxes-health.png');

  // Failures while the circuit is still closed are a warning, not an outage.
  const mailboxes = app.strapi.db.query('plugin::email-notifications.mailbox');
  await mailboxes.update({ where: { documentId: ids.b }, data: { consecutiveFailures: 2, lastFailure: 'Connection timeout' } });
  await page.reload();
  await mailboxRow('Helpdesk B').getByText('2 recent failures', { exact: true }).waitFor();
  await mailboxes.update({ where: { documentId: ids.b }, data: { consecutiveFailures: 0, lastFailure: null } });
});

test('a task group is created through the form: a bad name and a vanished mailbox are shown where they belong', async () => {
  await page.getByRole('link', { name: 'Task groups' }).click();
  await page.waitForURL('**/admin/settings/email-notifications/task-groups');
  await page.getByText('No task group yet.', { exact: false }).waitFor();
  const billing = await api.request('POST', '/email-notifications/task-groups', {
    name: 'billing',
    description: 'Invoices and payment reminders',
    mailboxes: [ids.b, ids.a],
    fallback: 'wait',
  });
  expect(billing.status).toBe(201);
  const tempId = await createMailbox({ name: 'Temporary', fromAddress: 'temp@example.com', port: sinkB.port });

  await page.getByRole('link', { name: 'Add task group' }).first().click();
  await page.waitForURL('**/task-groups/new');
  await textbox('Name').fill('RMA Team');
  await textbox('Description').fill('Returns and repairs');
  await chooseOption(page, 'Strategy', /^Round robin: /);
  for (const name of ['Helpdesk B', 'Helpdesk A', 'Temporary']) await chooseOption(page, 'Add a mailbox', name);
  // Chosen mailboxes are not offered again.
  await page.getByRole('combobox', { name: 'Add a mailbox' }).click();
  expect(await page.getByRole('option').allInnerTexts()).toEqual(['Broken login']);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Move Helpdesk A up' }).click();
  expect(await groupMailboxes().allInnerTexts()).toEqual(['1. Helpdesk A', '2. Helpdesk B', '3. Temporary']);

  await page.getByRole('button', { name: 'Save' }).click();
  await dismissNotification(page, /^name: must be lower-case letters/);
  await expectInvalid(textbox('Name'), /must be lower-case letters, digits/);
  await saveScreenshot(page, 'task-group-form.png', { height: 1150 });

  // Deleted while the form is open: the server names the position, the form marks that row.
  expect((await api.request('DELETE', `/email-notifications/mailboxes/${tempId}`)).status).toBe(204);
  await textbox('Name').fill('rma');
  expect(await textbox('Name').getAttribute('aria-invalid')).not.toBe('true');
  await page.getByRole('button', { name: 'Save' }).click();
  await dismissNotification(page, `mailboxes.2: mailbox "${tempId}" does not exist`);
  expect(await page.getByTestId('mailbox-error-2').innerText()).toBe(`mailbox "${tempId}" does not exist`);
  await page.getByRole('button', { name: /^Remove (Temporary|Unknown mailbox .*) from the group$/ }).click();
  await page.getByTestId('mailbox-error-2').waitFor({ state: 'detached' });

  await page.getByRole('button', { name: 'Save' }).click();
  await dismissNotification(page, 'Task group created');
  await page.getByRole('heading', { name: 'rma', level: 1 }).waitFor();
  const [stored] = (await api.request('GET', '/email-notifications/task-groups')).body.data.filter((g: { name: string }) => g.name === 'rma');
  expect(stored).toMatchObject({ description: 'Returns and repairs', strategy: 'round-robin', mailboxes: [ids.a, ids.b], fallback: 'default' });
  expect(page.url()).toMatch(new RegExp(`/task-groups/${stored.id}$`));

  await page.getByRole('link', { name: 'Back' }).click();
  await page.waitForURL('**/admin/settings/email-notifications/task-groups');
  const row = groupRow('rma');
  await row.getByText('Returns and repairs').waitFor();
  await row.getByText('Round robin', { exact: true }).waitFor();
  expect(await row.getByTestId('task-group-mailbox-names').innerText()).toBe('Helpdesk A, Helpdesk B');
  await row.getByText('Use the default mailboxes', { exact: true }).waitFor();
  expect(await groupRow('billing').getByTestId('task-group-mailbox-names').innerText()).toBe('Helpdesk B, Helpdesk A');
  await groupRow('billing').getByText("Wait for this group's mailboxes", { exact: true }).waitFor();
  await saveScreenshot(page, 'task-groups.png');
});

test('a taken name is a notification and marks the name field; the group is changed to weighted, then deleted after a confirmation', async () => {
  await groupRow('rma').getByRole('button', { name: 'Edit rma' }).click();
  await page.getByRole('heading', { name: 'rma', level: 1 }).waitFor();
  expect(await groupMailboxes().allInnerTexts()).toEqual(['1. Helpdesk A', '2. Helpdesk B']);
  await textbox('Name').fill('billing');
  await page.getByRole('button', { name: 'Save' }).click();
  await dismissNotification(page, 'A task group named "billing" already exists.');
  // A conflict names its field, like every refused save: the message sits under Name.
  await expectInvalid(textbox('Name'), 'a task group named "billing" already exists');

  await textbox('Name').fill('rma');
  await chooseOption(page, 'Strategy', /^Weighted: /);
  await page.getByRole('button', { name: 'Save' }).click();
  await dismissNotification(page, 'Task group saved');
  const [stored] = (await api.request('GET', '/email-notifications/task-groups')).body.data.filter((g: { name: string }) => g.name === 'rma');
  expect(stored).toMatchObject({ strategy: 'weighted', mailboxes: [ids.a, ids.b] });

  await page.getByRole('link', { name: 'Back' }).click();
  await groupRow('rma').getByText('Weighted', { exact: true }).waitFor();
  await groupRow('rma').getByRole('button', { name: 'Delete rma' }).click();
  await page.getByRole('alertdialog').getByText('Delete the task group "rma"?', { exact: false }).waitFor();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
  await dismissNotification(page, 'Task group "rma" deleted');
  await groupRow('rma').waitFor({ state: 'detached' });
  await groupRow('billing').waitFor();
  const names = (await api.request('GET', '/email-notifications/task-groups')).body.data.map((g: { name: string }) => g.name);
  expect(names).toEqual(['billing']);
});

test('a mailbox location is set through the form and survives a reload', async () => {
  await page.getByRole('link', { name: 'Mailboxes' }).click();
  await mailboxRow('Helpdesk A').getByRole('button', { name: 'Edit Helpdesk A' }).click();
  await page.getByRole('heading', { name: 'Helpdesk A', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Location (geo routing)' }).waitFor();
  expect(await describedByText(textbox('Latitude'))).toContain('Decimal degrees');

  await textbox('Latitude').fill('95');
  await page.getByRole('button', { name: 'Save' }).click();
  await dismissNotification(page, 'latitude: must be at most 90');
  await expectInvalid(textbox('Latitude'), 'must be at most 90');

  await textbox('Latitude').fill('50.11');
  await textbox('Longitude').fill('8,68');
  await textbox('Country code').fill('de');
  expect(await textbox('Country code').inputValue()).toBe('DE');
  await page.getByRole('button', { name: 'Save' }).click();
  await dismissNotification(page, 'Mailbox saved');

  await page.reload();
  await page.getByRole('heading', { name: 'Helpdesk A', level: 1 }).waitFor();
  expect(await textbox('Latitude').inputValue()).toBe('50.11');
  expect(await textbox('Longitude').inputValue()).toBe('8.68');
  expect(await textbox('Country code').inputValue()).toBe('DE');
  const saved = (await api.request('GET', `/email-notifications/mailboxes/${ids.a}`)).body.data;
  expect(saved).toMatchObject({ latitude: 50.11, longitude: 8.68, countryCode: 'DE', dailyQuota: 50, rateLimitPerMinute: 10 });

  // Emptied coordinates mean "unknown" again.
  await textbox('Latitude').fill('');
  await textbox('Longitude').fill('');
  await textbox('Country code').fill('');
  await page.getByRole('button', { name: 'Save' }).click();
  await dismissNotification(page, 'Mailbox saved');
  const cleared = (await api.request('GET', `/email-notifications/mailboxes/${ids.a}`)).body.data;
  expect(cleared).toMatchObject({ latitude: null, longitude: null, countryCode: '' });
});
