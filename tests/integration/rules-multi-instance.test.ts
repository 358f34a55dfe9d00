/*
 * A digest with a cron every second, with three Strapi instances on one PostgreSQL (and one MariaDB)
 * database: every instance runs the scheduler, and each tick sends its digest once. Skipped with the
 * reason printed when a server is absent; .ci/run requires them (REQUIRE_DATABASES=1).
 */
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { adminApi } from '../helpers/admin-api';
import { mariadb, postgres, probeDatabasesSync, type TestDatabase } from '../helpers/databases';
import { startThreeInstances, type ThreeInstances } from '../helpers/instances';
import { FAST_DELIVERY, pluginConfigEnv, sinkUrl, waitFor, waitForSettled } from '../helpers/outbox';
import type { Playground } from '../helpers/playground';

const probe = probeDatabasesSync();
const cases = [
  { name: 'PostgreSQL', unavailable: probe.postgres, open: postgres },
  { name: 'MariaDB', unavailable: probe.mysql, open: mariadb },
];

for (const { name, unavailable, open } of cases) {
  if (unavailable) console.log(`Skipping the ${name} scheduler test: ${unavailable}`);
  (unavailable ? describe.skip : describe)(`schedules with three instances on one ${name} database`, () => {
    let db: TestDatabase;
    let sink: SmtpSink;
    let cluster: ThreeInstances | undefined;
    let inProcess: Playground;

    beforeAll(async () => {
      const availability = await open();
      if (!availability.ok) throw new Error(availability.reason);
      db = await availability.create();
      sink = await startSmtpSink();
      const env = {
        ...db.env,
        EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port),
        // Flood guards off: a duplicate digest must show, not be held back as identical.
        ...pluginConfigEnv({ ...FAST_DELIVERY, rules: { tickIntervalMs: 200 }, flood: { caps: [], duplicateWindowMinutes: 0 } }),
      };
      cluster = await startThreeInstances(env);
      inProcess = cluster.inProcess;
    }, 180_000);

    afterAll(async () => {
      await cluster?.stop();
      await sink?.close();
      await db?.drop();
    }, 60_000);

    it('sends each tick\'s digest once', async () => {
      const rmas = inProcess.strapi.documents('api::rma.rma');
      for (const number of ['M-1', 'M-2', 'M-3']) await rmas.create({ data: { number, stage: 'received' } });
      const api = await adminApi(inProcess.url);
      const created = await api.request('POST', '/email-notifications/rules', {
        name: 'Every second',
        trigger: { type: 'schedule', cron: '* * * * * *', contentType: 'api::rma.rma', filters: { stage: 'received' } },
        recipients: { to: [{ address: 'team@example.com' }] },
        template: 'digest',
      });
      expect(created.status).toBe(201);
      // Every instance reloads its rules within a few seconds; let all three compete for several ticks.
      await new Promise((resolve) => setTimeout(resolve, 9000));
      const rule = created.body.data;
      const { id, stats: _stats, managedBy: _m, createdAt: _c, updatedAt: _u, ...definition } = rule;
      expect((await api.request('PUT', `/email-notifications/rules/${id}`, { ...definition, enabled: false })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 6000)); // the other instances see the change
      const fires = () => inProcess.strapi.db.query('plugin::email-notifications.rule-fire');
      await waitFor(async () => (await fires().count({ where: { rule: id, status: 'running' } })) === 0);
      await waitForSettled(inProcess.strapi, 60_000);

      const ticks = await fires().findMany({ where: { rule: id, kind: 'tick' } });
      console.log(`${name}: ${ticks.length} ticks, ${sink.messages.length} digests`);
      expect(ticks.length).toBeGreaterThanOrEqual(5);
      expect(new Set(ticks.map((t: any) => t.key)).size).toBe(ticks.length);
      expect(ticks.every((t: any) => t.status === 'done' && t.handled === 3)).toBe(true);
      const digests = await inProcess.strapi.db.query('plugin::email-notifications.message').findMany({ where: { originType: 'rule' } });
      expect(digests).toHaveLength(ticks.length);
      expect(sink.messages).toHaveLength(ticks.length);
      expect(sink.messages.every((m) => /M-1[\s\S]*M-2[\s\S]*M-3/.test(m.text ?? ''))).toBe(true);
    }, 120_000);
  });
}
