/*
 * Several Strapi instances on one PostgreSQL (and one MariaDB) database drain the same outbox:
 * every message is sent exactly once, and every instance takes part. The databases are created and
 * dropped by the test. Without the servers these cases are skipped with the reason printed;
 * .ci/run sets REQUIRE_DATABASES=1, which turns a missing server into a failure.
 */
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { mariadb, postgres, probeDatabasesSync, type TestDatabase } from '../helpers/databases';
import { startThreeInstances, type ThreeInstances } from '../helpers/instances';
import { FAST_DELIVERY, messageRows, pluginConfigEnv, waitForSettled, sinkUrl } from '../helpers/outbox';
import type { Playground } from '../helpers/playground';

const COUNT = 600;
const probe = probeDatabasesSync();

const cases = [
  { name: 'PostgreSQL', unavailable: probe.postgres, open: postgres },
  { name: 'MariaDB', unavailable: probe.mysql, open: mariadb },
];

for (const { name, unavailable, open } of cases) {
  if (unavailable) console.log(`Skipping the ${name} multi-instance test: ${unavailable}`);
  (unavailable ? describe.skip : describe)(`three instances on one ${name} database`, () => {
    let db: TestDatabase;
    let sink: SmtpSink;
    let cluster: ThreeInstances | undefined;
    let inProcess: Playground;

    beforeAll(async () => {
      const availability = await open();
      if (!availability.ok) throw new Error(availability.reason);
      db = await availability.create();
      sink = await startSmtpSink();
      sink.setFaults({ delayMs: 5 });
      const env = {
        ...db.env,
        EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port),
        ...pluginConfigEnv({ ...FAST_DELIVERY, delivery: { ...FAST_DELIVERY.delivery, concurrency: 8 } }),
      };
      cluster = await startThreeInstances(env);
      inProcess = cluster.inProcess;
    }, 180_000);

    afterAll(async () => {
      await cluster?.stop();
      await sink?.close();
      await db?.drop();
    }, 60_000);

    it(`sends each of ${COUNT} messages exactly once`, async () => {
      const notifications = inProcess.strapi.plugin('email-notifications').service('notifications');
      await notifications.sendMany(Array.from({ length: COUNT }, (_, i) => ({ to: `customer${i}@example.com`, subject: `Shared ${i}`, text: `message ${i}` })));
      await waitForSettled(inProcess.strapi, 180_000);

      const rows = await messageRows(inProcess.strapi);
      expect(rows.filter((r: any) => r.status === 'sent')).toHaveLength(COUNT);
      const deliveries = new Map<string, number>();
      for (const m of sink.messages) deliveries.set(m.subject!, (deliveries.get(m.subject!) ?? 0) + 1);
      expect(deliveries.size).toBe(COUNT);
      expect(sink.messages).toHaveLength(COUNT);

      // Every instance took part: results carry the claiming instance in the lease history (heartbeats).
      await new Promise((r) => setTimeout(r, 1500)); // one more heartbeat with the final counters
      const workers = await inProcess.strapi.db.query('plugin::email-notifications.worker').findMany({ where: { stoppedAt: { $null: true } } });
      const active = workers.filter((w: any) => w.sentCount > 0);
      console.log(`${name}: ${workers.map((w: any) => `${w.instanceId.split(':')[1]} sent ${w.sentCount}`).join(', ')}`);
      expect(active.length).toBe(3);
      expect(active.reduce((sum: number, w: any) => sum + w.sentCount, 0)).toBe(COUNT);
    }, 240_000);
  });
}
