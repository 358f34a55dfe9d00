/*
 * "Sign in with Microsoft" in a real browser: the mailbox form of an OAuth2 mailbox shows the redirect
 * URI to register, the scopes and "Not signed in"; the button takes the browser to a local authorization
 * server, which sends it back through the plugin's callback (code exchanged with PKCE) to the mailbox
 * page, now signed in. Then Check logs in with XOAUTH2 against an SMTP server that accepts only tokens
 * that server issued.
 */
import type { Page } from 'playwright-core';
import { adminApi } from '../helpers/admin-api';
import { launchBrowser, registerFirstAdmin, saveScreenshot, type BrowserSession } from '../helpers/browser';
import { startOAuthServer, startXOAuth2Smtp, type OAuthServer, type XOAuth2SmtpServer } from '../helpers/oauth-servers';
import { startPlayground, type Playground } from '../helpers/playground';

const USER = 'mailer@contoso.example';
let oauth: OAuthServer;
let smtp: XOAuth2SmtpServer;
let playground: Playground;
let session: BrowserSession;
let page: Page;
let mailboxId: string;

beforeAll(async () => {
  oauth = await startOAuthServer({ user: USER });
  smtp = await startXOAuth2Smtp(oauth);
  playground = await startPlayground({ serveAdminPanel: true });
  session = await launchBrowser();
  page = session.page;
  // The admin bundle is large: on a busy machine its first load takes longer than the default 15 s.
  page.setDefaultTimeout(60_000);
});

afterAll(async () => {
  await session?.close();
  await playground?.stop();
  await smtp?.close();
  await oauth?.close();
});

afterEach(() => {
  expect(session.pageErrors.map(String)).toEqual([]);
});

test('the OAuth2 mailbox form shows the redirect URI, the scopes and that it is not signed in', async () => {
  await registerFirstAdmin(page, playground.url);
  const api = await adminApi(playground.url);
  const created = await api.request('POST', '/email-notifications/mailboxes', {
    name: 'Microsoft 365', fromAddress: USER, host: '127.0.0.1', port: smtp.port, security: 'none',
    authType: 'oauth2', authUser: USER, oauthProvider: 'microsoft', oauthTenant: 'contoso.onmicrosoft.com',
    oauthClientId: oauth.client.id, oauthClientSecret: oauth.client.secret, oauthAccessUrl: oauth.tokenUrl, oauthAuthorizeUrl: oauth.authorizeUrl,
  });
  expect(created.status).toBe(201);
  mailboxId = created.body.data.id;

  await page.goto(`${playground.url}/admin/settings/email-notifications/mailboxes/${mailboxId}`);
  await page.getByRole('heading', { name: 'OAuth2 sign-in' }).waitFor();
  expect(await page.getByTestId('oauth-redirect-uri').innerText()).toBe(`${playground.url}/email-notifications/oauth/callback`);
  await page.getByText('https://outlook.office.com/SMTP.Send', { exact: true }).waitFor();
  await page.getByText('offline_access', { exact: true }).waitFor();
  expect(await page.getByTestId('oauth-status').innerText()).toMatch(/^Not signed in/);
});

test('Sign in with Microsoft goes to the provider and comes back signed in', async () => {
  await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
  await page.waitForURL(`**/admin/settings/email-notifications/mailboxes/${mailboxId}?oauth=signed-in`);
  await page.getByText('The mailbox can send: its refresh token is stored encrypted').waitFor();
  await page.getByTestId('oauth-status').getByText(/^Signed in \(/).waitFor();
  expect(oauth.counts.authorizationCode).toBe(1);
  await saveScreenshot(page, 'mailbox-oauth-signed-in.png', { height: 1900 });

  await page.getByRole('button', { name: 'Check' }).click();
  await page.getByRole('dialog').getByText('Check passed').waitFor();
  const transcript = await page.getByRole('dialog').getByTestId('smtp-transcript').innerText();
  expect(transcript).toMatch(/C: AUTH XOAUTH2 \*{8}/);
  expect(smtp.logins.accepted).toBe(1);
});
