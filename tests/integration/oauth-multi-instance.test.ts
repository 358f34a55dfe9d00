/*
 * Two Strapi instances (this process and a child process) on one PostgreSQL database share one OAuth2 mailbox: when its access
 * token nears expiry, the token endpoint sees exactly one refresh for all of them (a lease on the
 * mailbox row; the others wait and read the stored token), every message is sent once, and no
 * instance's log holds a token or the client secret. Skipped with the reason when PostgreSQL is not
 * reachable; .ci/run sets REQUIRE_DATABASES=1, which turns that into a failure.
 */
import { adminApi } from '../helpers/admin-api';
import { postgres, probeDatabasesSync, type TestDatabase } from '../helpers/databases';
import { spawnInstance, type ChildInstance } from '../helpers/instances';
import { startOAuthServer, startXOAuth2Smtp, type OAuthServer, type XOAuth2SmtpServer } from '../helpers/oauth-servers';
import { FAST_DELIVERY, messageRows, pluginConfigEnv, waitFor, waitForSettled } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

const USER = 'mailer@example.com';
const COUNT = 60;
const unavailable = probeDatabasesSync().postgres;
if (unavailable) console.log(`Skipping the OAuth2 multi-instance test: ${unavailable}`);

(unavailable ? describe.skip : describe)('one OAuth2 mailbox shared by two instances on PostgreSQL', () => {
  let db: TestDatabase;
  let oauth: OAuthServer;
  let smtp: XOAuth2SmtpServer;
  let inProcess: Playground | undefined;
  let child: ChildInstance | undefined;

  beforeAll(async () => {
    const availability = await postgres();
    if (!availability.ok) throw new Error(availability.reason);
    db = await availability.create();
    oauth = await startOAuthServer({ user: USER });
    // 150 ms a message: one instance cannot drain the queue while the other waits for the shared token.
    smtp = await startXOAuth2Smtp(oauth, { delayMs: 150 });
    const env = {
      ...db.env,
      ...pluginConfigEnv({ ...FAST_DELIVERY, delivery: { ...FAST_DELIVERY.delivery, concurrency: 4 } }),
      // Info lines (sign-ins, checks, delivery warnings) go to the child's output, which is searched for secrets.
      STRAPI_LOG_LEVEL: 'info',
    };
    // The first instance creates the schema; the second starts on it.
    inProcess = await startPlayground({ env });
    child = await spawnInstance('unused.db', env, 300_000);
  }, 500_000);

  afterAll(async () => {
    await child?.stop();
    await inProcess?.stop();
    await smtp?.close();
    await oauth?.close();
    await db?.drop();
  }, 60_000);

  const liveWorkers = () => inProcess!.strapi.db.query('plugin::email-notifications.worker').findMany({ where: { stoppedAt: { $null: true } } });
  const sentCounts = async () => {
    await new Promise((resolve) => setTimeout(resolve, 1500)); // one more heartbeat with the counters
    return new Map<string, number>((await liveWorkers()).map((w: any) => [w.instanceId, w.sentCount]));
  };

  it('refreshes an expiring access token once for all instances and sends every message once', async () => {
    const { strapi, url } = inProcess!;
    const api = await adminApi(url);
    const created = await api.request('POST', '/email-notifications/mailboxes', {
      name: 'Shared OAuth2', fromAddress: USER, host: '127.0.0.1', port: smtp.port, security: 'none',
      authType: 'oauth2', authUser: USER, oauthProvider: 'custom', oauthClientId: oauth.client.id, oauthClientSecret: oauth.client.secret,
      oauthAccessUrl: oauth.tokenUrl, oauthRefreshToken: oauth.addRefreshToken(USER),
    });
    expect(created.status).toBe(201);
    const notifications = strapi.plugin('email-notifications').service('notifications');

    // The first token lives 302 s: with the 5-minute margin it is due for a refresh 2 s after it came.
    oauth.setTokenLifetime(302);
    await notifications.sendMany(Array.from({ length: 3 }, (_, i) => ({ to: `first${i}@example.com`, subject: `First ${i}`, text: 'first' })));
    await waitForSettled(strapi, 60_000);
    expect(oauth.counts.refresh).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 2500));

    // Now every instance needs a new token at once; a slow endpoint makes their refreshes overlap.
    await waitFor(async () => (await liveWorkers()).length === 2, 60_000);
    oauth.setTokenLifetime(3600);
    oauth.setTokenDelay(400);
    const refreshesBefore = oauth.counts.refresh;
    const before = await sentCounts();
    await notifications.sendMany(Array.from({ length: COUNT }, (_, i) => ({ to: `customer${i}@example.com`, subject: `Shared ${i}`, text: `message ${i}` })));
    await waitForSettled(strapi, 120_000);

    const rows = await messageRows(strapi);
    expect(rows.filter((r: any) => r.status === 'sent')).toHaveLength(COUNT + 3);
    expect(smtp.messages.filter((m) => m.subject?.startsWith('Shared '))).toHaveLength(COUNT);
    expect(oauth.counts.refresh).toBe(refreshesBefore + 1);
    const after = await sentCounts();
    // Both instances run their workers on this queue and need the token at once; the instance that
    // queued the burst is woken first and may send all of it, so the shares are printed, not asserted.
    expect((await liveWorkers()).length).toBe(2);
    console.log(`OAuth2 multi-instance: ${[...after].map(([id, sent]) => `${id.split(':')[1]} sent ${sent - (before.get(id) ?? 0)}`).join(', ')}; refreshes ${oauth.counts.refresh}`);
  }, 240_000);

  it('leaves no token and no client secret in any instance log', async () => {
    await waitFor(async () => smtp.logins.accepted > 0);
    const logs = child!.output();
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [oauth.client.secret, ...oauth.issued()]) {
      expect(logs).not.toContain(secret);
      expect(logs).not.toContain(Buffer.from(secret).toString('base64'));
    }
  });
});
