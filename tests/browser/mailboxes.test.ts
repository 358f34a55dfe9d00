/*
 * The Mailboxes settings screens in a real browser against a real playground Strapi and real SMTP
 * servers: register the first admin, create mailboxes through the form, Check, send a test email that
 * the sink must receive, see a refused login explained, and see server field errors under the inputs.
 * The tests are the steps of one story on one database and run in order.
 */
import type { Locator, Page } from 'playwright-core';
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { createSecretBox } from '../../server/src/secrets/secret-box';
import { ADMIN } from '../helpers/admin-api';
import { dismissAnnouncements, launchBrowser, registerFirstAdmin, saveScreenshot, type BrowserSession } from '../helpers/browser';
import { startPlayground, type Playground } from '../helpers/playground';

const SINK_LOGIN = { user: 'mailer@example.com', pass: 'right-Passw0rd' };

let sink: SmtpSink;
let authSink: SmtpSink;
let playground: Playground;
let session: BrowserSession;
let page: Page;

beforeAll(async () => {
  sink = await startSmtpSink();
  authSink = await startSmtpSink({ auth: SINK_LOGIN });
  playground = await startPlayground({
    serveAdminPanel: true,
    // A mailbox from the plugin options, to see its badge and the server refusing to delete it.
    env: { EMAIL_NOTIFICATIONS_SMTP_URL: `smtp://127.0.0.1:${sink.port}?from=config@example.com&security=none` },
  });
  session = await launchBrowser();
  page = session.page;
});

afterAll(async () => {
  await session?.close();
  await playground?.stop();
  await sink?.close();
  await authSink?.close();
});

beforeEach(async () => {
  if (page.url().startsWith(playground.url)) await dismissAnnouncements(page);
});

afterEach(() => {
  expect(session.pageErrors.map(String)).toEqual([]);
});

// By accessible name: the label text of a required field also holds the asterisk.
const field = (name: string) =>
  page.getByRole('textbox', { name, exact: true }).or(page.getByRole('spinbutton', { name, exact: true }));
const button = (name: string | RegExp) => page.getByRole('button', { name });
const dialog = () => page.getByRole('dialog');

/** Waits for a notification containing `text`, then dismisses it so later waits see only new ones. */
async function notification(text: string | RegExp) {
  const item = page.getByRole('region', { name: /^Notifications/ }).getByRole('listitem').filter({ hasText: text });
  await item.waitFor();
  await item.getByRole('button', { name: 'Close' }).click();
  await item.waitFor({ state: 'detached' });
}

/** The text of the elements an input's aria-describedby points at (hint, error). */
function describedBy(input: Locator): Promise<string> {
  return input.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => (id ? element.ownerDocument.getElementById(id)?.textContent ?? '' : ''))
      .join(' '),
  );
}

async function chooseOption(label: string, option: string | RegExp) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

async function fillConnection(values: { name: string; fromAddress: string; port: number }) {
  await field('Name').fill(values.name);
  await field('From address').fill(values.fromAddress);
  await field('Host').fill('127.0.0.1');
  await field('Port').fill(String(values.port));
  await chooseOption('Security', /^None: plain text/);
}

test('register, open Settings > Email notifications > Mailboxes, and see the mailbox from the options', async () => {
  await registerFirstAdmin(page, playground.url);
  await page.getByRole('link', { name: 'Settings' }).first().click();
  await page.getByRole('link', { name: 'Mailboxes' }).click();
  await page.waitForURL('**/admin/settings/email-notifications/mailboxes');
  await page.getByRole('heading', { name: 'Mailboxes' }).waitFor();

  const row = page.getByRole('row', { name: /Default mailbox/ });
  await row.getByText('From config').waitFor();
  await row.getByText('Default', { exact: true }).waitFor();
  await row.getByText(`127.0.0.1:${sink.port}`).waitFor();

  // The server refuses to delete it (it is recreated at every start): its message becomes a notification.
  await row.getByRole('button', { name: 'Delete Default mailbox' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
  await notification(/comes from the plugin option 'defaultMailbox'/);

  // Its form warns that the option overwrites any change at the next start.
  await row.getByRole('button', { name: 'Edit Default mailbox' }).click();
  await page.getByRole('heading', { name: 'Default mailbox', level: 1 }).waitFor();
  await page.getByText('Managed by the plugin options').waitFor();
  expect(await page.getByRole('checkbox', { name: 'Default mailbox' }).isDisabled()).toBe(true);
  await page.getByRole('link', { name: 'Back' }).click();
  await page.waitForURL('**/admin/settings/email-notifications/mailboxes');
});

test('the form shows the server field error for port 70000, then creates the mailbox', async () => {
  await page.getByRole('link', { name: 'Add mailbox' }).click();
  await page.waitForURL('**/mailboxes/new');
  await page.getByRole('heading', { name: 'Add mailbox' }).waitFor();
  await fillConnection({ name: 'Sink mailbox', fromAddress: 'helpdesk@example.com', port: 70000 });
  await field('Display name').fill('Example Helpdesk');
  await button('Save').click();

  await notification('port: must be at most 65535');
  // The server's message sits under the Port input and describes it for assistive technology.
  await page.getByText('must be at most 65535', { exact: true }).waitFor();
  expect(await field('Port').getAttribute('aria-invalid')).toBe('true');
  expect(await describedBy(field('Port'))).toContain('must be at most 65535');
  await saveScreenshot(page, 'mailbox-form.png');

  await field('Port').fill(String(sink.port));
  await button('Save').click();
  await notification('Mailbox created');
  await page.waitForURL(/\/mailboxes\/[a-z0-9]+$/);
  await page.getByRole('heading', { name: 'Sink mailbox' }).waitFor();
});

test('Check on the form shows a passing result with the SMTP transcript', async () => {
  await button('Check').click();
  await dialog().getByText('Check passed').waitFor();
  const transcript = await dialog().getByTestId('smtp-transcript').innerText();
  expect(transcript).toMatch(/EHLO/);
  expect(transcript).toMatch(/^S: 220/m);
  await saveScreenshot(page, 'mailbox-check-result.png');
  await dialog().getByRole('button', { name: 'Close' }).last().click();
  await dialog().waitFor({ state: 'detached' });
});

test('Send test email asks for a recipient, and the SMTP sink really receives the message', async () => {
  await button('Send test email').click();
  const to = dialog().getByRole('textbox', { name: 'Recipient' });
  expect(await to.inputValue()).toBe(ADMIN.email);
  await to.fill('customer@example.net');
  await dialog().getByRole('button', { name: 'Send' }).click();
  await dialog().getByText('Test email sent: the server accepted it for customer@example.net.').waitFor();
  await dialog().getByText('customer@example.net', { exact: true }).waitFor(); // "Accepted"
  await saveScreenshot(page, 'mailbox-test-email.png');

  const [message] = await sink.waitForMessages(1);
  expect(message.subject).toBe('Test email from Helpdesk via Sink mailbox');
  expect(message.envelope.to).toEqual(['customer@example.net']);
  expect(message.from).toContain('helpdesk@example.com');
  await dialog().getByRole('button', { name: 'Close' }).last().click();
});

test('the list shows both mailboxes, and "Make default" moves the default badge', async () => {
  await page.getByRole('link', { name: 'Mailboxes' }).click();
  await page.waitForURL('**/admin/settings/email-notifications/mailboxes');
  const row = page.getByRole('row', { name: /Sink mailbox/ });
  await row.getByText('helpdesk@example.com').waitFor();
  await row.getByText(`127.0.0.1:${sink.port}`).waitFor();
  await row.getByText('Enabled').waitFor();
  await row.getByRole('button', { name: 'Check Sink mailbox' }).click();
  await dialog().getByText('Check passed').waitFor();
  await dialog().getByRole('button', { name: 'Close' }).last().click();
  await dialog().waitFor({ state: 'detached' });
  await row.getByRole('button', { name: 'Make Sink mailbox the default mailbox' }).click();
  await notification('"Sink mailbox" is now the default mailbox');
  await row.getByText('Default', { exact: true }).waitFor();
  await page.getByRole('row', { name: /Default mailbox/ }).getByRole('button', { name: 'Make Default mailbox the default mailbox' }).waitFor();
  await saveScreenshot(page, 'mailboxes-list.png');
});

test('a refused login is explained, names the password, and highlights it in the form', async () => {
  await page.getByRole('link', { name: 'Add mailbox' }).click();
  await fillConnection({ name: 'Login mailbox', fromAddress: SINK_LOGIN.user, port: authSink.port });
  await chooseOption('Auth type', 'User name and password');
  await field('Auth user').fill(SINK_LOGIN.user);
  await field('Password').fill('wrong-password');
  await button('Save').click();
  await notification('Mailbox created');
  await page.getByRole('heading', { name: 'Login mailbox' }).waitFor();
  expect(await field('Password').getAttribute('placeholder')).toBe('•••••• (saved)');

  await button('Check').click();
  await dialog().getByText('Check failed').waitFor();
  const outcome = await dialog().getByTestId('probe-outcome').innerText();
  expect(outcome).toMatch(/password/i);
  await dialog().getByText('535', { exact: true }).waitFor(); // SMTP response code
  expect(await dialog().getByTestId('smtp-transcript').innerText()).toMatch(/AUTH/);
  await saveScreenshot(page, 'mailbox-check-failure.png');
  await dialog().getByRole('button', { name: 'Close' }).last().click();
  expect(await describedBy(field('Password'))).toContain('The last check points at this field');

  // The unsaved right password is used by Check: an admin can test a change before saving it.
  await field('Password').fill(SINK_LOGIN.pass);
  await button('Check').click();
  await dialog().getByText('Check passed').waitFor();
  await dialog().getByRole('button', { name: 'Close' }).last().click();
});

test('a password saved under another encryption key shows as unreadable with the fix, until it is re-entered', async () => {
  // What a changed encryption key leaves behind: a secret made by a key this Strapi does not have.
  const otherKey = createSecretBox('a-key-this-strapi-does-not-know-0123456789');
  await playground.strapi.db.query('plugin::email-notifications.mailbox').update({ where: { name: 'Login mailbox' }, data: { password: otherKey.encrypt(SINK_LOGIN.pass) } });

  await page.getByRole('link', { name: 'Mailboxes' }).click();
  await page.waitForURL('**/admin/settings/email-notifications/mailboxes');
  const row = page.getByRole('row', { name: /Login mailbox/ });
  await row.getByText('Secret unreadable').waitFor();

  await row.getByRole('button', { name: 'Edit Login mailbox' }).click();
  await page.getByRole('heading', { name: 'Login mailbox', level: 1 }).waitFor();
  const alert = page.getByRole('alert').filter({ hasText: 'A stored secret cannot be decrypted' });
  await alert.getByText(/The stored password was encrypted with a key this Strapi does not know.*'previousEncryptionKeys'/).waitFor();
  await saveScreenshot(page, 'mailbox-secret-unreadable.png');

  await field('Password').fill(SINK_LOGIN.pass);
  await button('Save').click();
  await notification('Mailbox saved');
  await alert.waitFor({ state: 'detached' });
});
