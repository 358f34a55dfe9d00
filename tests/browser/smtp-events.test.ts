/*
 * The SMTP events page in a real browser against a real playground Strapi and a real local HTTP
 * receiver (allow-listed through the plugin option events.allowedHosts): an event rule with conditions
 * and a web page action is created, its secret is shown once, a test event reaches the receiver signed
 * (verified with the standardwebhooks verifier) and its run shows in the history; an edit with a bad
 * time is refused under the field; an Author-role admin sees neither the link nor the page.
 * One story on one database, run in order.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Locator, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { adminApi, rawRequest, type AdminApi } from '../helpers/admin-api';
import { chooseOption, describedByText, dismissAnnouncements, dismissNotification, launchBrowser, registerFirstAdmin, saveScreenshot, type BrowserSession } from '../helpers/browser';
import { FAST_DELIVERY, pluginConfigEnv, sinkUrl, waitFor } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

// Booting Strapi and the first load of the admin bundle take minutes on a busy machine.
jest.setTimeout(400_000);
/** A reload loads the whole admin bundle again. */
const RELOAD_TIMEOUT = 60_000;

const RULE = 'Final failures to the ops hook';
const AUTHOR = { email: 'author@example.com', password: 'Author-Passw0rd!' };

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

let sink: SmtpSink;
let receiver: http.Server;
let received: Received[];
let hookUrl: string;
let app: Playground;
let api: AdminApi;
let session: BrowserSession;
let page: Page;
let secret: string;
let ruleId: number;

const textbox = (name: string) => page.getByRole('textbox', { name, exact: true });
const notification = (text: string) => page.getByRole('region', { name: /^Notifications/ }).getByRole('listitem').filter({ hasText: text });
const scrollTo = (target: Locator, block: 'start' | 'end') => target.evaluate((element, at) => element.scrollIntoView({ block: at }), block);

async function startReceiver() {
  received = [];
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
}

beforeAll(async () => {
  sink = await startSmtpSink();
  await startReceiver();
  const options = { ...FAST_DELIVERY, events: { allowedHosts: ['127.0.0.1'] } };
  app = await startPlayground({ serveAdminPanel: true, env: { EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port), ...pluginConfigEnv(options) } });
  session = await launchBrowser();
  page = session.page;
  // The admin bundle's first load is the slowest step on a busy machine.
  page.setDefaultNavigationTimeout(60_000);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
  await registerFirstAdmin(page, app.url);
  api = await adminApi(app.url);
});

afterAll(async () => {
  await session?.close();
  await app?.stop();
  await sink?.close();
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
});

beforeEach(async () => {
  if (page.url().startsWith(app.url)) await dismissAnnouncements(page);
});

afterEach(() => {
  expect(session.pageErrors.map(String)).toEqual([]);
});

test('an event rule with conditions and a web page action is created; its secret is shown once', async () => {
  await page.getByRole('link', { name: 'Settings' }).first().click();
  await page.getByRole('link', { name: 'SMTP events', exact: true }).click();
  await page.waitForURL('**/admin/settings/email-notifications/smtp-events');
  await page.getByText('No event rule yet.', { exact: false }).waitFor();
  await page.getByRole('link', { name: 'Create event rule' }).first().click();
  await page.waitForURL('**/smtp-events/new');

  await textbox('Name').fill(RULE);
  await chooseOption(page, 'Event type', 'SMTP final delivery failed');
  await page.getByRole('spinbutton', { name: 'Max frequency (minutes)' }).fill('15');
  await textbox('Time of day from').fill('08:00');
  await textbox('Time of day to').fill('18:00');
  await chooseOption(page, 'Time zone', 'Europe/Berlin');
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) await page.getByRole('checkbox', { name: day }).click();
  await textbox('SMTP server').fill('smtp.*.example.com');
  await page.getByRole('spinbutton', { name: 'Server port' }).fill('587');
  await textbox('Customer email').fill('*@customer.example');
  await chooseOption(page, 'SSL', 'Yes');
  await chooseOption(page, 'Requires authentication', 'Yes');
  const action = page.getByTestId('event-action-0');
  expect(await action.getByRole('combobox', { name: 'Action 1' }).innerText()).toContain('Call web page');
  await action.getByRole('textbox', { name: 'Web page URL' }).fill(hookUrl);

  await page.getByRole('button', { name: 'Save' }).click();
  await notification('Event rule created').waitFor();

  // The secret: once, in a modal, with the warning and a copy button. The modal makes the rest of the
  // page inert, so the notifications are only read until it closes.
  const modal = page.getByRole('dialog', { name: 'Web-hook secret' });
  await modal.getByText('it will not be shown again', { exact: false }).waitFor();
  secret = await modal.getByRole('textbox', { name: 'Secret' }).inputValue();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{20,}$/);
  await modal.getByRole('button', { name: 'Copy' }).click();
  await notification('Secret copied').waitFor();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await modal.getByRole('button', { name: 'Done' }).click();
  await modal.waitFor({ state: 'detached' });
  await page.getByRole('heading', { name: RULE, level: 1 }).waitFor();

  const [stored] = (await api.request('GET', '/email-notifications/smtp-event-rules')).body.results;
  ruleId = stored.id;
  expect(page.url()).toMatch(new RegExp(`/smtp-events/${ruleId}$`));
  expect(stored).toMatchObject({
    name: RULE,
    enabled: true,
    eventType: 'final-delivery-failed',
    maxFrequencyMinutes: 15,
    conditions: {
      timeOfDay: { from: '08:00', to: '18:00', timezone: 'Europe/Berlin' },
      daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri'],
      smtpServer: 'smtp.*.example.com',
      port: 587,
      ssl: true,
      requiresAuth: true,
      customerEmail: '*@customer.example',
    },
    actions: [{ type: 'webhook', url: hookUrl }],
    source: 'admin',
    readOnly: false,
    hasWebhookSecret: true,
  });
  expect(JSON.stringify(stored)).not.toContain(secret);

  // Shown once: the saved rule's page, loaded again, has no secret to show.
  await page.reload();
  await page.getByRole('heading', { name: RULE, level: 1 }).waitFor({ timeout: RELOAD_TIMEOUT });
  expect(await page.getByRole('dialog').count()).toBe(0);
  expect(await page.getByText(secret).count()).toBe(0);
});

test('"Fire a test event" calls the web page signed with the secret; the run succeeds in the history', async () => {
  await page.getByRole('button', { name: 'Fire a test event' }).click();
  await dismissNotification(page, 'Test event fired: 1 action queued');
  await page.getByTestId('test-event-runs').getByText('Action 1: Call web page', { exact: true }).waitFor();

  await waitFor(async () => received.length === 1);
  const call = received[0]!;
  const verified = new Webhook(secret).verify(call.body, {
    'webhook-id': String(call.headers['webhook-id']),
    'webhook-timestamp': String(call.headers['webhook-timestamp']),
    'webhook-signature': String(call.headers['webhook-signature']),
  }) as Record<string, unknown>;
  expect(JSON.stringify(verified)).toContain('"test":true');

  const row = page.getByTestId('event-history-row').first();
  await row.getByText('Succeeded', { exact: true }).waitFor();
  const text = await row.innerText();
  expect(text).toContain('1. Call web page');
  expect(text).toContain('HTTP 200');
  expect(text).toMatch(/\bYes\b/);
  expect(await page.getByTestId('event-history-row').count()).toBe(1);
  await scrollTo(page.getByRole('heading', { name: 'Event rule', exact: true }), 'start');
  await saveScreenshot(page, 'smtp-event-rule.png', { height: 2600 });
});

test('an edit with a time that is not HH:MM is refused under the field; the fixed one is saved', async () => {
  await textbox('Time of day from').fill('25:00');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByTestId('form-problems').getByText('conditions.timeOfDay.from', { exact: true }).waitFor();
  expect(await describedByText(textbox('Time of day from'))).toContain('must be a time of day');
  await dismissNotification(page, /timeOfDay/);
  expect((await api.request('GET', `/email-notifications/smtp-event-rules/${ruleId}`)).body.data.conditions.timeOfDay.from).toBe('08:00');

  await textbox('Time of day from').fill('07:00');
  await page.getByRole('button', { name: 'Save' }).click();
  await dismissNotification(page, 'Event rule saved');
  expect(await page.getByTestId('form-problems').count()).toBe(0);
  const saved = (await api.request('GET', `/email-notifications/smtp-event-rules/${ruleId}`)).body.data;
  expect(saved.conditions.timeOfDay).toEqual({ from: '07:00', to: '18:00', timezone: 'Europe/Berlin' });
  expect(saved.hasWebhookSecret).toBe(true);
  // Saving the rule again makes no new secret: none is shown.
  expect(await page.getByRole('dialog').count()).toBe(0);

  await page.getByRole('link', { name: 'Back' }).click();
  const row = page.getByTestId('event-rule-row').filter({ has: page.getByText(RULE, { exact: true }) });
  await row.getByText('Call web page', { exact: true }).waitFor();
  expect(await row.innerText()).toContain('SMTP final delivery failed');
  await waitFor(async () => (await api.request('GET', `/email-notifications/smtp-event-rules/${ruleId}`)).body.data.stats.actionsRun >= 1);
  await page.reload();
  await row.waitFor({ timeout: RELOAD_TIMEOUT });
  // A test event runs the actions but is no firing: last fired stays "never"; 1 action run, 0 folded.
  expect(await row.innerText()).toMatch(/Call web page\s+—\s+1\s+0\s/);
  await saveScreenshot(page, 'smtp-events-list.png');
});

test('an Author-role admin sees neither the SMTP events link nor the page, and the API refuses them', async () => {
  const roles = (await api.request('GET', '/admin/roles')).body.data as { id: number; code: string }[];
  const author = roles.find((role) => role.code === 'strapi-author')!;
  const invited = await api.request('POST', '/admin/users', { email: AUTHOR.email, firstname: 'Arthur', lastname: 'Author', roles: [author.id] });
  expect(invited.status).toBe(201);
  const registered = await rawRequest(app.url, 'POST', '/admin/register', {
    registrationToken: invited.body.data.registrationToken,
    userInfo: { firstname: 'Arthur', lastname: 'Author', password: AUTHOR.password },
  });
  const token = registered.body.data.token as string;
  expect((await rawRequest(app.url, 'GET', '/email-notifications/smtp-event-rules', undefined, token)).status).toBe(403);

  const context = await session.browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
  const authorPage = await context.newPage();
  authorPage.setDefaultNavigationTimeout(60_000);
  const errors: Error[] = [];
  authorPage.on('pageerror', (error) => errors.push(error));
  try {
    await authorPage.goto(`${app.url}/admin/auth/login`);
    await authorPage.locator('input[name="email"]').fill(AUTHOR.email);
    await authorPage.locator('input[name="password"]').fill(AUTHOR.password);
    await authorPage.getByRole('button', { name: 'Login' }).click();
    await authorPage.waitForURL((url) => !url.pathname.includes('/auth/'));
    await authorPage.goto(`${app.url}/admin/settings`);
    await authorPage.getByRole('link', { name: 'Overview' }).first().waitFor();
    expect(await authorPage.getByRole('link', { name: 'SMTP events', exact: true }).count()).toBe(0);

    await authorPage.goto(`${app.url}/admin/settings/email-notifications/smtp-events`);
    await authorPage.getByText(/don't have the permissions/i).waitFor();
    expect(await authorPage.getByText(RULE).count()).toBe(0);
    expect(errors.map(String)).toEqual([]);
  } finally {
    await context.close();
  }
});
