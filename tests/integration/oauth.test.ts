/*
 * OAuth2 (XOAUTH2) mailboxes end to end on one playground Strapi: the sign-in round trip with PKCE
 * against a local authorization server, sending through an SMTP server that accepts only a valid,
 * unexpired access token, one refresh after a refused token, a revoked consent that opens the circuit
 * with the explanation while the message waits, the Check with a masked transcript, and no secret in
 * any response or log line. The tests are the steps of one story and run in order.
 */
import { format } from 'node:util';
import { adminApi, type AdminApi } from '../helpers/admin-api';
import { startOAuthServer, startXOAuth2Smtp, type OAuthServer, type XOAuth2SmtpServer } from '../helpers/oauth-servers';
import { FAST_DELIVERY, messageRows, pluginConfigEnv, waitFor } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

const USER = 'mailer@example.com';
let oauth: OAuthServer;
let smtp: XOAuth2SmtpServer;
let playground: Playground;
let api: AdminApi;
let mailboxId: string;
const responses: string[] = [];
const logLines: string[] = [];

/** Every admin response is kept, to prove no secret was ever in one. */
const request = async (method: string, path: string, body?: unknown) => {
  const res = await api.request(method, path, body);
  responses.push(JSON.stringify(res.body));
  return res;
};

/** The server closes its connections; the pool notices before the next send, which then logs in anew. */
async function dropSmtpConnections() {
  smtp.dropConnections();
  await new Promise((resolve) => setTimeout(resolve, 300));
}

/** Follows the sign-in as a browser would: the provider's page redirects to the plugin's callback, which redirects to the admin. */
async function signIn(): Promise<URL> {
  const started = await request('POST', `/email-notifications/mailboxes/${mailboxId}/oauth/start`, {});
  expect(started.status).toBe(200);
  const atProvider = await fetch(started.body.data.authorizationUrl, { redirect: 'manual' });
  expect(atProvider.status).toBe(302);
  const callback = await fetch(atProvider.headers.get('location')!, { redirect: 'manual' });
  expect(callback.status).toBe(302);
  return new URL(callback.headers.get('location')!);
}

async function sendOne(subject: string) {
  const notifications = playground.strapi.plugin('email-notifications').service('notifications');
  await notifications.send({ to: 'customer@example.com', subject, text: `${subject} body` });
  return subject;
}

const rowOf = async (subject: string) => (await messageRows(playground.strapi)).find((row: any) => row.subject === subject);

beforeAll(async () => {
  oauth = await startOAuthServer({ user: USER });
  smtp = await startXOAuth2Smtp(oauth);
  playground = await startPlayground({ env: { ...pluginConfigEnv(FAST_DELIVERY), STRAPI_LOG_LEVEL: 'debug' } });
  for (const level of ['error', 'warn', 'info', 'http', 'verbose', 'debug'] as const) {
    const original = playground.strapi.log[level].bind(playground.strapi.log);
    playground.strapi.log[level] = (...args: unknown[]) => {
      logLines.push(format(...args));
      return original(...(args as [string]));
    };
  }
  api = await adminApi(playground.url);
}, 120_000);

afterAll(async () => {
  await playground?.stop();
  await smtp?.close();
  await oauth?.close();
});

it('creates an OAuth2 mailbox whose view shows the provider scopes and no secret, and refuses bad OAuth2 fields by name', async () => {
  const bad = await request('POST', '/email-notifications/mailboxes', {
    name: 'Bad', fromAddress: USER, host: '127.0.0.1', authType: 'oauth2', authUser: USER, oauthProvider: 'custom', oauthAuthorizeUrl: 'ftp://example.com/a',
  });
  expect(bad.status).toBe(400);
  expect(bad.body.error.details.errors.map((e: any) => e.path.join('.')).sort()).toEqual(['oauthAccessUrl', 'oauthAuthorizeUrl', 'oauthClientId']);

  const created = await request('POST', '/email-notifications/mailboxes', {
    name: 'Microsoft 365', fromAddress: USER, host: '127.0.0.1', port: smtp.port, security: 'none',
    authType: 'oauth2', authUser: USER, oauthProvider: 'microsoft', oauthTenant: 'contoso.onmicrosoft.com',
    oauthClientId: oauth.client.id, oauthClientSecret: oauth.client.secret,
    // The provider's endpoints, pointed at the local authorization server.
    oauthAccessUrl: oauth.tokenUrl, oauthAuthorizeUrl: oauth.authorizeUrl,
  });
  expect(created.status).toBe(201);
  mailboxId = created.body.data.id;
  expect(created.body.data).toMatchObject({
    oauthProvider: 'microsoft', hasOauthClientSecret: true, hasOauthRefreshToken: false,
    oauth: { signedIn: false, tokenExpiresAt: null, scopes: ['https://outlook.office.com/SMTP.Send', 'offline_access'], tokenUrl: oauth.tokenUrl },
  });
  const providers = await request('GET', '/email-notifications/oauth/providers');
  expect(providers.body.data.redirectUri).toBe(`${playground.url}/email-notifications/oauth/callback`);
  expect(providers.body.data.providers.microsoft.tokenUrl).toBe('https://login.microsoftonline.com/organizations/oauth2/v2.0/token');
  expect(providers.body.data.providers.google).toEqual({
    tokenUrl: 'https://oauth2.googleapis.com/token', authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth', scopes: ['https://mail.google.com/'],
  });
});

it('a message to a mailbox nobody signed in yet waits with the reason, and is not lost', async () => {
  const subject = await sendOne('Before sign-in');
  const row = await waitFor(async () => {
    const found = await rowOf(subject);
    return found?.attemptLog?.some((a: any) => a.outcome === 'mailbox-failed') ? found : null;
  });
  expect(row.status).toBe('queued');
  expect(row.lastError).toMatch(/^Not signed in: use "Sign in"/);
});

it('signs in with the authorization code and PKCE, through a state-checked callback, back to the mailbox page', async () => {
  const started = await request('POST', `/email-notifications/mailboxes/${mailboxId}/oauth/start`, {});
  const authorization = new URL(started.body.data.authorizationUrl);
  expect(authorization.origin + authorization.pathname).toBe(oauth.authorizeUrl);
  expect(Object.fromEntries(authorization.searchParams)).toMatchObject({
    response_type: 'code', client_id: oauth.client.id, code_challenge_method: 'S256', login_hint: USER,
    scope: 'https://outlook.office.com/SMTP.Send offline_access', redirect_uri: `${playground.url}/email-notifications/oauth/callback`,
  });
  expect(started.body.data.scopes).toEqual(['https://outlook.office.com/SMTP.Send', 'offline_access']);

  const back = await signIn();
  expect(back.pathname).toBe(`/admin/settings/email-notifications/mailboxes/${mailboxId}`);
  expect(back.searchParams.get('oauth')).toBe('signed-in');
  expect(oauth.counts.authorizationCode).toBe(1);
  const mailbox = (await request('GET', `/email-notifications/mailboxes/${mailboxId}`)).body.data;
  expect(mailbox.oauth).toMatchObject({ signedIn: true, problem: null });
  expect(new Date(mailbox.oauth.tokenExpiresAt).getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
  // The message that waited goes out once the mailbox is signed in.
  await waitFor(async () => (await rowOf('Before sign-in'))?.status === 'sent', 15_000);
});

it('refuses a callback whose state is unknown or used already, and a start with bad input', async () => {
  const started = await request('POST', `/email-notifications/mailboxes/${mailboxId}/oauth/start`, {});
  const atProvider = await fetch(started.body.data.authorizationUrl, { redirect: 'manual' });
  const callbackUrl = atProvider.headers.get('location')!;
  expect((await fetch(callbackUrl, { redirect: 'manual' })).headers.get('location')).toContain('oauth=signed-in');
  const replay = new URL((await fetch(callbackUrl, { redirect: 'manual' })).headers.get('location')!);
  expect(replay.searchParams.get('oauth')).toBe('failed');
  expect(replay.searchParams.get('reason')).toMatch(/unknown, used already or older than 10 minutes/);
  const forged = new URL((await fetch(`${playground.url}/email-notifications/oauth/callback?code=x&state=forged`, { redirect: 'manual' })).headers.get('location')!);
  expect(forged.searchParams.get('oauth')).toBe('failed');
  expect(oauth.counts.authorizationCode).toBe(2);

  const plain = await request('POST', '/email-notifications/mailboxes', { name: 'Plain', fromAddress: 'plain@example.com', host: '127.0.0.1' });
  const refused = await request('POST', `/email-notifications/mailboxes/${plain.body.data.id}/oauth/start`, {});
  expect(refused.status).toBe(400);
  expect(refused.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual(['authType', 'oauthClientId']);
  const custom = await request('PUT', `/email-notifications/mailboxes/${plain.body.data.id}`, { oauthProvider: 'custom' });
  expect(custom.status).toBe(200);
  const customRefused = await request('POST', `/email-notifications/mailboxes/${plain.body.data.id}/oauth/start`, {});
  expect(customRefused.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual(['authType', 'oauthClientId', 'oauthAuthorizeUrl', 'oauthAccessUrl']);
  expect((await request('DELETE', `/email-notifications/mailboxes/${plain.body.data.id}`)).status).toBe(204);
});

it('sends with the access token; a token the server refuses is refreshed once and the attempt sent', async () => {
  const refreshesBefore = oauth.counts.refresh;
  await sendOne('With token');
  await waitFor(async () => (await rowOf('With token'))?.status === 'sent');
  expect(oauth.counts.refresh).toBe(refreshesBefore);
  expect(smtp.messages.map((m) => m.subject)).toContain('With token');

  oauth.expireAccessTokens();
  await dropSmtpConnections();
  const refusedBefore = smtp.logins.refused;
  await sendOne('After refusal');
  const row = await waitFor(async () => {
    const found = await rowOf('After refusal');
    return found?.status === 'sent' ? found : null;
  });
  expect(row.attempts).toBe(1);
  expect(oauth.counts.refresh).toBe(refreshesBefore + 1);
  expect(smtp.logins.refused).toBeGreaterThan(refusedBefore);
});

it('Check logs in with XOAUTH2 and masks the token in its transcript', async () => {
  const res = await request('POST', `/email-notifications/mailboxes/${mailboxId}/verify`, {});
  expect(res.status).toBe(200);
  expect(res.body.data.ok).toBe(true);
  const transcript: string = res.body.data.transcript.join('\n');
  expect(transcript).toMatch(/^C: AUTH XOAUTH2 \*{8}$/m);
  expect(transcript).toMatch(/^S: 235/m);
});

it('a revoked consent opens the circuit with "sign in again", the message waits, and goes out after a new sign-in', async () => {
  oauth.revokeRefreshTokens();
  oauth.expireAccessTokens();
  await dropSmtpConnections();
  await sendOne('After revocation');
  const row = await waitFor(async () => {
    const found = await rowOf('After revocation');
    return found?.attemptLog?.some((a: any) => a.outcome === 'mailbox-failed') ? found : null;
  });
  expect(row.status).toBe('queued');
  expect(row.lastError).toBe('Sign in again: the refresh token was revoked or expired (invalid_grant).');
  const mailbox = await waitFor(async () => {
    const found = (await request('GET', `/email-notifications/mailboxes/${mailboxId}`)).body.data;
    return found.health.circuitOpenUntil ? found : null;
  });
  expect(mailbox.health.lastFailure).toBe('Sign in again: the refresh token was revoked or expired (invalid_grant).');
  expect(mailbox.oauth.problem).toBe('Sign in again: the refresh token was revoked or expired (invalid_grant).');

  const check = await request('POST', `/email-notifications/mailboxes/${mailboxId}/verify`, {});
  expect(check.body.data).toMatchObject({ ok: false, error: { code: 'EOAUTH2', explanation: expect.stringMatching(/^Sign in again/) } });

  expect((await signIn()).searchParams.get('oauth')).toBe('signed-in');
  await waitFor(async () => (await rowOf('After revocation'))?.status === 'sent', 15_000);
  const after = (await request('GET', `/email-notifications/mailboxes/${mailboxId}`)).body.data;
  expect(after.health.circuitOpenUntil).toBeNull();
  expect(after.oauth.problem).toBeNull();
});

it('never shows a client secret, refresh token or access token in a response or a log line', async () => {
  const secrets = [oauth.client.secret, ...oauth.issued()];
  expect(secrets.length).toBeGreaterThan(4);
  const forms = secrets.flatMap((s) => [s, Buffer.from(s).toString('base64')]);
  const list = await request('GET', '/email-notifications/mailboxes');
  const messages = await request('GET', '/email-notifications/messages?pageSize=50');
  expect(list.status).toBe(200);
  expect(messages.status).toBe(200);
  const rows = await messageRows(playground.strapi);
  for (const row of rows) responses.push(JSON.stringify((await request('GET', `/email-notifications/messages/${row.documentId}`)).body));
  const seen = [...responses, ...logLines].join('\n');
  expect(logLines.some((line) => line.includes('signed in with OAuth2'))).toBe(true);
  for (const form of forms) expect(seen).not.toContain(form);
  // Stored encrypted: the database holds none of them in the clear either.
  const stored = JSON.stringify(await playground.strapi.db.query('plugin::email-notifications.mailbox').findMany({}));
  for (const secret of secrets) expect(stored).not.toContain(secret);
});
