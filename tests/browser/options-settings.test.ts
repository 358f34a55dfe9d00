/*
 * Settings > Email notifications > Options in a real browser against a real playground Strapi: a
 * changed value survives a reload, the server's field error shows under its input, and "Reset to file
 * value" puts the config file's value back. The tests are the steps of one story and run in order.
 */
import type { Page } from 'playwright-core';
import { adminApi, type AdminApi } from '../helpers/admin-api';
import {
  describedByText,
  dismissAnnouncements,
  dismissNotification,
  launchBrowser,
  registerFirstAdmin,
  saveScreenshot,
  type BrowserSession,
} from '../helpers/browser';
import { startPlayground, type Playground } from '../helpers/playground';

let app: Playground;
let api: AdminApi;
let session: BrowserSession;
let page: Page;

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

const maxAttempts = () => page.getByRole('spinbutton', { name: 'Maximum attempts', exact: true });
const saved = async () => (await api.request('GET', '/email-notifications/settings')).body.data;

test('Options shows the effective values with their unit and the config file value', async () => {
  await page.getByRole('link', { name: 'Settings' }).first().click();
  await page.getByRole('link', { name: 'Options' }).click();
  await page.waitForURL('**/admin/settings/email-notifications/options');
  await page.getByRole('heading', { name: 'Options', level: 1 }).waitFor();
  expect(await maxAttempts().inputValue()).toBe('8');
  expect(await describedByText(maxAttempts())).toContain('Config file value: 8.');
  expect(await describedByText(page.getByRole('spinbutton', { name: 'First retry delay' }))).toMatch(/Milliseconds/);
  expect(await page.getByRole('combobox', { name: 'Text part encoding' }).innerText()).toContain('Quoted-printable');
  expect(await page.getByRole('checkbox', { name: "Send Strapi's own email through the outbox" }).isChecked()).toBe(true);
  expect(await page.getByRole('button', { name: /^Reset .* to the config file value$/ }).count()).toBe(0);
});

test('a changed value is saved and kept after a reload', async () => {
  await maxAttempts().fill('5');
  await page.getByRole('spinbutton', { name: 'Delete failed messages after' }).fill('7');
  await page.getByRole('button', { name: 'Save' }).click();
  await dismissNotification(page, 'Options saved');
  expect((await saved()).overridden).toEqual({ delivery: { maxAttempts: 5 }, retention: { deleteFailedAfterDays: 7 } });

  await page.reload();
  await page.getByRole('heading', { name: 'Options', level: 1 }).waitFor();
  expect(await maxAttempts().inputValue()).toBe('5');
  await page.getByTestId('override-delivery.maxAttempts').getByText('Changed here').waitFor();
});

test('0 attempts is refused: the server error sits under the field and nothing is saved', async () => {
  await maxAttempts().fill('0');
  await page.getByRole('button', { name: 'Save' }).click();
  await dismissNotification(page, /delivery\.maxAttempts: must be at least 1/);
  await page.getByText('must be at least 1', { exact: true }).waitFor();
  expect(await maxAttempts().getAttribute('aria-invalid')).toBe('true');
  expect(await describedByText(maxAttempts())).toContain('must be at least 1');
  await saveScreenshot(page, 'settings-options.png', { height: 1300 });
  expect((await saved()).values.delivery.maxAttempts).toBe(5);
});

test('"Reset to file value" puts the config file value back when saved', async () => {
  await page.getByRole('button', { name: 'Reset Maximum attempts to the config file value' }).click();
  expect(await maxAttempts().inputValue()).toBe('8');
  await page.getByText('Goes back to the config file value when you save.').waitFor();
  expect(await maxAttempts().getAttribute('aria-invalid')).not.toBe('true');
  await page.getByRole('button', { name: 'Save' }).click();
  await dismissNotification(page, 'Options saved');
  await page.getByTestId('override-delivery.maxAttempts').waitFor({ state: 'detached' });
  // The other override stays.
  await page.getByTestId('override-retention.deleteFailedAfterDays').getByText('Changed here').waitFor();
  expect((await saved()).overridden).toEqual({ retention: { deleteFailedAfterDays: 7 } });
  await page.reload();
  expect(await maxAttempts().inputValue()).toBe('8');
});

test('flood protection: caps and blacklist are edited as lines, a bad line is refused in place', async () => {
  const caps = page.getByRole('textbox', { name: 'Per-recipient caps' });
  const blacklist = page.getByRole('textbox', { name: 'Blacklist' });
  expect(await caps.inputValue()).toBe('3 per 30');
  expect(await blacklist.inputValue()).toContain('mailer-daemon@*');
  await caps.fill('3 per 30\nten per day');
  await page.getByRole('button', { name: 'Save' }).click();
  await dismissNotification(page, /line 2: write a number, "per" and minutes/);
  expect(await describedByText(caps)).toContain('line 2: write a number, "per" and minutes, e.g. 3 per 30');
  expect((await saved()).values.flood.caps).toEqual([{ windowMinutes: 30, max: 3 }]);

  await caps.fill('3 per 30\n10 per 1440');
  await blacklist.fill(`${await blacklist.inputValue()}\n*@spam.example`);
  await page.getByRole('button', { name: 'Save' }).click();
  await dismissNotification(page, 'Options saved');
  const flood = (await saved()).values.flood;
  expect(flood.caps).toEqual([{ windowMinutes: 30, max: 3 }, { windowMinutes: 1440, max: 10 }]);
  expect(flood.blacklist).toContain('*@spam.example');
});
