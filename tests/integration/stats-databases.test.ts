/*
 * The stats' grouped queries on PostgreSQL and MariaDB (each bucket expression is written per
 * database): real sends counted in the current hour, and messages at known times giving exactly the
 * buckets SQLite gives (tests/integration/stats.test.ts runs the same expectations). Without the
 * servers these cases are skipped with the reason printed; REQUIRE_DATABASES=1 makes that a failure.
 */
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { adminApi, type AdminApi } from '../helpers/admin-api';
import { mariadb, postgres, probeDatabasesSync, type TestDatabase } from '../helpers/databases';
import { FAST_DELIVERY, pluginConfigEnv, sinkUrl, waitForSettled } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';
import { EXPECTED_BILLING, EXPECTED_DAYS, EXPECTED_HOURS, EXPECTED_OTHER, FIXTURE_DAYS, FIXTURE_HOURS, insertFixture } from '../helpers/stats-fixture';

const probe = probeDatabasesSync();
const cases = [
  { name: 'PostgreSQL', unavailable: probe.postgres, open: postgres },
  { name: 'MariaDB', unavailable: probe.mysql, open: mariadb },
];

for (const { name, unavailable, open } of cases) {
  if (unavailable) console.log(`Skipping the ${name} stats test: ${unavailable}`);
  (unavailable ? describe.skip : describe)(`stats on ${name}`, () => {
    let db: TestDatabase;
    let sink: SmtpSink;
    let app: Playground;
    let api: AdminApi;

    beforeAll(async () => {
      const availability = await open();
      if (!availability.ok) throw new Error(availability.reason);
      db = await availability.create();
      sink = await startSmtpSink();
      app = await startPlayground({ env: { ...db.env, EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port), ...pluginConfigEnv(FAST_DELIVERY) } });
      api = await adminApi(app.url);
      await insertFixture(app.strapi);
    }, 300_000);

    afterAll(async () => {
      await app?.stop();
      await sink?.close();
      await db?.drop();
    }, 60_000);

    it('counts real sends: delivered and bounced', async () => {
      const notifications = app.strapi.plugin('email-notifications').service('notifications');
      for (let i = 0; i < 2; i += 1) await notifications.send({ to: `ok${i}@example.com`, subject: `Fine ${i}`, text: 'x' });
      await waitForSettled(app.strapi);
      sink.setFaults({ rejectRecipient: /^gone@/ });
      await notifications.send({ to: 'gone@example.com', subject: 'Bounce', text: 'x' });
      await waitForSettled(app.strapi);
      sink.setFaults({});
      const res = await api.request('GET', '/email-notifications/stats');
      expect(res.status).toBe(200);
      expect(res.body.data.buckets).toHaveLength(48);
      expect(res.body.data.totals).toEqual({ sent: 2, failed: 0, bounced: 1, queued: 0 });
      expect(res.body.data.mailboxes[0]).toMatchObject({ name: 'Default mailbox', sentToday: 2, circuit: 'closed' });
    });

    it.each([
      ['hours', FIXTURE_HOURS, EXPECTED_HOURS],
      ['days', FIXTURE_DAYS, EXPECTED_DAYS],
      ['the billing task group', `${FIXTURE_HOURS}&taskGroup=billing`, EXPECTED_BILLING],
      ['the mailbox named Other', `${FIXTURE_HOURS}&mailbox=Other`, EXPECTED_OTHER],
    ])('buckets %s exactly as on SQLite', async (_name, url, expected) => {
      const res = await api.request('GET', url as string);
      expect(res.status).toBe(200);
      expect(res.body.data.buckets).toEqual(expected);
    });
  });
}
