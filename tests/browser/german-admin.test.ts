/*
 * The admin in German: an admin who picks German as their Strapi interface language (their profile's
 * preferedLanguage) sees the plugin's Settings pages and the Mail log in German from translations/de.json,
 * against a real playground Strapi and a real SMTP sink. The tests are the steps of one story and run in order.
 */
import type { Page } from 'playwright-core';
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { adminApi } from '../helpers/admin-api';
import { dismissAnnouncements, launchBrowser, registerFirstAdmin, saveScreenshot, type BrowserSession } from '../helpers/browser';
import { FAST_DELIVERY, pluginConfigEnv, sinkUrl, waitForSettled } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

let sink: SmtpSink;
let app: Playground;
let session: BrowserSession;
let page: Page;

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startPlayground({
    serveAdminPanel: true,
    env: { EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port), ...pluginConfigEnv(FAST_DELIVERY) },
  });
  session = await launchBrowser();
  page = session.page;
  await registerFirstAdmin(page, app.url);
  await app.strapi.plugin('email-notifications').service('notifications').send({
    to: 'kunde@example.com',
    subject: 'Ihre RMA wurde genehmigt',
    text: 'RMA 1042 genehmigt.',
  });
  await waitForSettled(app.strapi);
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

test('the admin chooses German as their interface language and the admin follows after a reload', async () => {
  await page.getByRole('link', { name: 'Settings' }).first().waitFor();
  const api = await adminApi(app.url);
  const saved = await api.request('PUT', '/admin/users/me', { preferedLanguage: 'de' });
  expect(saved.status).toBe(200);
  expect(saved.body.data.preferedLanguage).toBe('de');

  await page.reload();
  await page.getByRole('link', { name: 'Einstellungen' }).first().waitFor();
  expect(await page.getByRole('link', { name: 'Settings', exact: true }).count()).toBe(0);
});

test('Settings > E-Mail-Benachrichtigungen > Postfächer is in German', async () => {
  await page.getByRole('link', { name: 'Einstellungen' }).first().click();
  await page.getByRole('link', { name: 'Postfächer' }).click();
  await page.waitForURL('**/admin/settings/email-notifications/mailboxes');
  await page.getByRole('heading', { name: 'Postfächer', level: 1 }).waitFor();
  await page.getByText('Die SMTP-Konten, über die Benachrichtigungen versendet werden.', { exact: false }).waitFor();
  await page.getByRole('link', { name: 'Postfach hinzufügen' }).waitFor();
  await page.locator('thead').getByText('Absenderadresse', { exact: true }).waitFor();
  const row = page.getByRole('row', { name: /Default mailbox/ });
  await row.getByText('Aus der Konfiguration').waitFor();
  await row.getByRole('button', { name: 'Default mailbox bearbeiten' }).waitFor();
  expect(await page.getByRole('link', { name: 'Add mailbox' }).count()).toBe(0);
  await saveScreenshot(page, 'german-mailboxes.png');
});

test('the Mail log is in German, with its tabs, columns and outbox health', async () => {
  await page.getByRole('link', { name: 'E-Mail-Protokoll' }).click();
  await page.waitForURL('**/admin/plugins/email-notifications');
  await page.getByRole('heading', { name: 'E-Mail-Protokoll', level: 1 }).waitFor();
  expect(await page.getByRole('tab', { name: 'Gesendet', exact: true }).getAttribute('aria-selected')).toBe('true');
  await page.getByRole('tab', { name: 'Postausgang', exact: true }).waitFor();
  await page.locator('thead').getByText('Betreff', { exact: true }).waitFor();
  await page.getByRole('row').filter({ hasText: 'Ihre RMA wurde genehmigt' }).getByText('kunde@example.com').waitFor();
  await page.getByRole('region', { name: 'Zustand des Postausgangs' }).waitFor();
  expect(await page.getByRole('heading', { name: 'Mail log' }).count()).toBe(0);
  await saveScreenshot(page, 'german-mail-log.png');
});
