/*
 * Record firings between a save and the outbox, on SQLite, PostgreSQL and MariaDB: the firing row is
 * written inside the save's transaction (a rolled-back save leaves none and sends nothing), a
 * committed one ends done with its message keyed by the firing, and when the sweep finishes a firing
 * whose live dispatch is late, the two still queue one message. PostgreSQL and MariaDB cases are
 * skipped with the reason printed when a server is absent (.ci/run requires them).
 */
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { mariadb, postgres, probeDatabasesSync, type DatabaseAvailability, type TestDatabase } from '../helpers/databases';
import { FAST_DELIVERY, messageRows, pluginConfigEnv, sinkUrl, waitFor, waitForSettled } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';
import { AUTHORISED_RULE, recordFirings } from '../helpers/record-firings';

const PAUSE_ENV = 'EMAIL_NOTIFICATIONS_TEST_PAUSE_AFTER_COMMIT_MS';
const GRACE_MS = 500;

const probe = probeDatabasesSync();
const cases: { name: string; unavailable: string | null; open: (() => Promise<DatabaseAvailability>) | null }[] = [
  { name: 'SQLite', unavailable: null, open: null },
  { name: 'PostgreSQL', unavailable: probe.postgres, open: postgres },
  { name: 'MariaDB', unavailable: probe.mysql, open: mariadb },
];

for (const { name, unavailable, open } of cases) {
  if (unavailable) console.log(`Skipping the ${name} record-firing tests: ${unavailable}`);
  (unavailable ? describe.skip : describe)(`record firings on ${name}`, () => {
    let db: TestDatabase | undefined;
    let sink: SmtpSink;
    let app: Playground;
    let rules: any;
    let serial = 0;

    const firings = (recordId: string) => recordFirings(app.strapi, recordId);

    async function authorisable() {
      serial += 1;
      const customer = await app.strapi.documents('api::customer.customer').create({ data: { name: `Cy${serial}`, email: `cy${serial}@example.com` } });
      return app.strapi.documents('api::rma.rma').create({ data: { number: `RMA-F${serial}`, stage: 'received', customer: customer.documentId } });
    }
    const authorise = (documentId: string) => app.strapi.documents('api::rma.rma').update({ documentId, data: { stage: 'authorized' } });

    beforeAll(async () => {
      if (open) {
        const availability = await open();
        if (!availability.ok) throw new Error(availability.reason);
        db = await availability.create();
      }
      sink = await startSmtpSink();
      const config = { ...FAST_DELIVERY, rules: { tickIntervalMs: 200, recoverFiringsAfterMs: GRACE_MS } };
      app = await startPlayground({ env: { ...db?.env, EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port), ...pluginConfigEnv(config) } });
      rules = app.strapi.plugin('email-notifications').service('rules');
      await rules.create(AUTHORISED_RULE);
    }, 120_000);
    afterAll(async () => {
      delete process.env[PAUSE_ENV];
      await app?.stop();
      await sink?.close();
      await db?.drop();
    }, 60_000);
    beforeEach(() => sink.clear());

    it("writes the firing inside the save's transaction: a rolled-back save leaves none and sends nothing", async () => {
      const rma = await authorisable();
      let seenInside: any[] = [];
      await expect(
        app.strapi.db.transaction(async () => {
          await authorise(rma.documentId);
          seenInside = await firings(rma.documentId);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(seenInside).toHaveLength(1);
      expect(seenInside[0]).toMatchObject({ status: 'pending', event: 'update', contentType: 'api::rma.rma', previous: expect.objectContaining({ stage: 'received' }) });
      // Long enough for the sweep to have finished a firing left behind.
      await new Promise((resolve) => setTimeout(resolve, GRACE_MS * 4));
      await rules.idle();
      await waitForSettled(app.strapi);
      expect(await firings(rma.documentId)).toEqual([]);
      expect(await messageRows(app.strapi, { originType: 'rule', subject: `RMA ${rma.number} is authorised` })).toEqual([]);
      expect(sink.messages).toHaveLength(0);
    });

    it('ends a committed firing done, with its message keyed by the firing', async () => {
      const rma = await authorisable();
      await authorise(rma.documentId);
      await rules.idle();
      await waitForSettled(app.strapi);
      const [firing, ...more] = await firings(rma.documentId);
      expect(more).toEqual([]);
      expect(firing).toMatchObject({ status: 'done', handled: 1 });
      const [message] = await messageRows(app.strapi, { idempotencyKey: firing.key });
      expect(message).toMatchObject({ status: 'sent', subject: `RMA ${rma.number} is authorised` });
      expect(sink.messages.map((m) => m.text?.trim())).toEqual([`RMA ${rma.number} moved from received to authorized.`]);
    });

    it('queues one message when the sweep finishes a firing whose live dispatch is late', async () => {
      const rma = await authorisable();
      process.env[PAUSE_ENV] = String(GRACE_MS * 6);
      const started = Date.now();
      await authorise(rma.documentId);
      // The sweep takes the firing once it is older than the grace period, while the live dispatch still waits.
      const done = await waitFor(async () => (await firings(rma.documentId)).find((f: any) => f.status === 'done'), GRACE_MS * 5, 50);
      expect(Date.now() - started).toBeLessThan(GRACE_MS * 6);
      delete process.env[PAUSE_ENV];
      await rules.idle();
      await waitForSettled(app.strapi);
      expect(await messageRows(app.strapi, { idempotencyKey: done.key })).toHaveLength(1);
      expect(sink.messages.map((m) => m.subject)).toEqual([`RMA ${rma.number} is authorised`]);
    });
  });
}
