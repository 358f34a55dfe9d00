/*
 * The Deliverability page in a real browser against a real playground Strapi, a real SMTP sink and a
 * real DNS server on loopback: the mailbox list warns about missing DKIM, the guide runs SMTP, SPF,
 * DKIM, DMARC in that order, a key generated in the page is published and the checker sees it, a bad
 * selector is refused under its field, and the routing dry run says which mailbox would send.
 */
import type { Page } from 'playwright-core';
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { describedByText, dismissAnnouncements, dismissNotification, launchBrowser, registerFirstAdmin, saveScreenshot, type BrowserSession } from '../helpers/browser';
import { startDnsServer, type TestDnsServer } from '../../playground/lib/dns-server';
import { pluginConfigEnv, sinkUrl } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

let sink: SmtpSink;
let dns: TestDnsServer;
let app: Playground;
let session: BrowserSession;
let page: Page;
const DOMAIN = 'signed.test';

beforeAll(async () => {
  sink = await startSmtpSink();
  dns = await startDnsServer();
  dns.set(DOMAIN, { TXT: ['v=spf1 ip4:127.0.0.1 ~all'] });
  dns.set(`_dmarc.${DOMAIN}`, { TXT: ['v=DMARC1; p=quarantine'] });
  app = await startPlayground({
    serveAdminPanel: true,
    env: { ...pluginConfigEnv({ deliverability: { dnsServers: [dns.address], dnsTimeoutMs: 1000 } }), EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port, `helpdesk@${DOMAIN}`) },
  });
  session = await launchBrowser();
  page = session.page;
  // The first load compiles nothing but fetches the whole admin bundle: slow on a busy machine.
  page.setDefaultNavigationTimeout(120_000);
  page.setDefaultTimeout(45_000);
  await registerFirstAdmin(page, app.url);
}, 300_000);

afterAll(async () => {
  await session?.close();
  await app?.stop();
  await Promise.all([sink?.close(), dns?.close()]);
});

beforeEach(async () => {
  if (page.url().startsWith(app.url)) await dismissAnnouncements(page);
});

afterEach(() => {
  expect(session.pageErrors.map(String)).toEqual([]);
});

const field = (name: string) => page.getByRole('textbox', { name, exact: true });
const button = (name: string | RegExp) => page.getByRole('button', { name });
const dkimCard = () => page.getByTestId('dkim-Default mailbox');

it('warns in the mailbox list that the mailbox signs nothing', async () => {
  await page.goto(`${app.url}/admin/settings/email-notifications/mailboxes`);
  await page.getByRole('row', { name: /Default mailbox/ }).getByTestId('mailbox-warnings').getByText('no DKIM').waitFor();
});

it('shows the guide in order, generates a DKIM key, and refuses a bad selector under its field', async () => {
  await page.goto(`${app.url}/admin/settings/email-notifications/deliverability`);
  await page.getByRole('heading', { name: 'Deliverability', level: 1 }).waitFor();
  const steps = await page.locator('[data-testid^="guide-step-"] h3').allTextContents();
  expect(steps).toEqual(['1. SMTP', '2. SPF', '3. DKIM', '4. DMARC']);
  await page.getByTestId('guide-step-2').getByText('v=spf1 ip4:127.0.0.1 ~all').waitFor();
  await page.getByTestId('guide-step-3').getByText(/Default mailbox has no DKIM key yet/).waitFor();

  await dkimCard().getByRole('textbox', { name: /^Selector/ }).fill('bad_sel!');
  await dkimCard().getByRole('button', { name: 'Generate key' }).click();
  await page.getByTestId('form-problems').waitFor();
  expect(await describedByText(dkimCard().getByRole('textbox', { name: /^Selector/ }))).toMatch(/letters, digits and hyphens/);
  await dismissNotification(page, /selector/);

  await dkimCard().getByRole('textbox', { name: /^Selector/ }).fill('s1');
  await dkimCard().getByRole('button', { name: 'Generate key' }).click();
  await dismissNotification(page, 'Key added to Default mailbox');
  const key = page.getByTestId('dkim-key-s1');
  await key.getByText(`s1._domainkey.${DOMAIN}`).waitFor();
  await key.getByText('signing').waitFor();
  const value = (await key.locator('code').allTextContents()).find((text) => text.startsWith('v=DKIM1;'))!;
  expect(value).toMatch(/^v=DKIM1; k=rsa; p=/);
  dns.set(`s1._domainkey.${DOMAIN}`, { TXT: [value] });
  await page.getByTestId('guide-step-3').getByText(`s1._domainkey.${DOMAIN}`).waitFor();
});

it('checks the mailbox against DNS: DKIM published, no MX, with the fix', async () => {
  await page.getByRole('combobox', { name: 'Mailbox' }).click();
  await page.getByRole('option', { name: 'Default mailbox' }).click();
  await button('Check mailbox').click();
  const table = page.getByTestId('check-table');
  await table.locator('[data-check="dkim"][data-status="pass"]').waitFor();
  await table.locator('[data-check="dmarc"][data-status="pass"]').waitFor();
  await table.locator('[data-check="mx"][data-status="fail"]').getByText(/has no MX record/).waitFor();

  await field('Domain').fill('https://nope');
  await button('Check domain').click();
  expect(await describedByText(field('Domain'))).toMatch(/must be a domain name/);
  await dismissNotification(page, /domain/);
});

it('says which mailbox a rule would send through, and why', async () => {
  await field('Recipient').fill('customer@example.com');
  await field('Task group').fill('rma');
  await button('Dry run').click();
  const answer = page.getByTestId('route-answer');
  await answer.getByText('Default mailbox would send it').waitFor();
  await answer.getByText(/task group "rma" does not exist/).waitFor();
  await saveScreenshot(page, 'deliverability.png', { height: 2600 });
  expect(sink.messages).toHaveLength(0);
});

it('no longer warns about DKIM in the mailbox list', async () => {
  await page.goto(`${app.url}/admin/settings/email-notifications/mailboxes`);
  const row = page.getByRole('row', { name: /Default mailbox/ });
  await row.waitFor();
  expect(await row.getByTestId('mailbox-warnings').count()).toBe(0);
});
