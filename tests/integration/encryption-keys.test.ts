/*
 * Rotating the encryption key of mailbox secrets, across restarts on one database (SQLite, and
 * PostgreSQL when the server runs; skipped with the reason otherwise, a failure with REQUIRE_DATABASES=1):
 * saved with key A; key B with A as a previous key reads them and re-encrypts them under B at start (two
 * instances starting together); B alone still sends; an unknown key C shows the problem with its fix.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { applyReencryption, planReencryption } from '../../server/src/mailboxes/secret-rotation';
import { createSecretBox } from '../../server/src/secrets/secret-box';
import { adminApi } from '../helpers/admin-api';
import { postgres, probeDatabasesSync } from '../helpers/databases';
import { spawnInstance } from '../helpers/instances';
import { FAST_DELIVERY, messageRows, pluginConfigEnv, waitFor } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

const KEY_A = 'rotation-key-a-0123456789abcdef-0123';
const KEY_B = 'rotation-key-b-0123456789abcdef-0123';
const KEY_C = 'rotation-key-c-0123456789abcdef-0123';
const PASSWORD = 'Sink-Passw0rd!';
const MAILBOX_UID = 'plugin::email-notifications.mailbox';

interface Database {
  env: Record<string, string>;
  drop(): Promise<void>;
}

const probe = probeDatabasesSync();
const cases: { name: string; unavailable: string | null; open: () => Promise<Database> }[] = [
  { name: 'SQLite', unavailable: null, open: async () => ({ env: {}, drop: async () => undefined }) },
  {
    name: 'PostgreSQL',
    unavailable: probe.postgres,
    async open() {
      const availability = await postgres();
      if (!availability.ok) throw new Error(availability.reason);
      return availability.create();
    },
  },
];

const keysEnv = (encryptionKey: string, previousEncryptionKeys: string[] = []) => pluginConfigEnv({ ...FAST_DELIVERY, encryptionKey, previousEncryptionKeys });
const storedPassword = async (app: Playground): Promise<string> => (await app.strapi.db.query(MAILBOX_UID).findOne({ where: { name: 'Support' } })).password;
/** Whether the stored secret is `key`'s own (reencrypt gives null only for the current key's secrets). */
const isEncryptedWith = (stored: string, key: string) => createSecretBox(key).reencrypt(stored) === null;

for (const { name, unavailable, open } of cases) {
  if (unavailable) console.log(`Skipping the ${name} encryption-key rotation test: ${unavailable}`);
  (unavailable ? describe.skip : describe)(`rotating the encryption key on ${name}`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'en-keys-'));
    const databaseFile = path.join(dir, 'data.db');
    let db: Database;
    let sink: SmtpSink;
    let app: Playground | undefined;

    const start = async (env: Record<string, string>) => (app = await startPlayground({ databaseFile, env: { ...db.env, ...env } }));
    const stop = async () => {
      await app?.stop();
      app = undefined;
    };
    /** Queues a message through the outbox and waits until the sink accepted it with the mailbox's login. */
    async function sendsThroughTheMailbox(instance: Playground, subject: string) {
      sink.clear();
      await instance.strapi.plugin('email-notifications').service('notifications').send({ to: 'ada@example.com', subject, text: 'rotation', mailbox: 'Support' });
      const [received] = await sink.waitForMessages(1, 20_000);
      expect(received).toMatchObject({ subject, user: 'helpdesk' });
    }

    beforeAll(async () => {
      db = await open();
      sink = await startSmtpSink({ auth: { user: 'helpdesk', pass: PASSWORD } });
    }, 60_000);

    afterAll(async () => {
      await stop();
      await sink?.close();
      await db?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    it('saves with key A; a rewrite planned against the old ciphertext never overwrites a newer save', async () => {
      const first = await start(keysEnv(KEY_A));
      const api = await adminApi(first.url);
      const created = await api.request('POST', '/email-notifications/mailboxes', {
        name: 'Support', fromAddress: 'helpdesk@example.com', host: '127.0.0.1', port: sink.port, security: 'none',
        authType: 'login', authUser: 'helpdesk', password: PASSWORD, isDefault: true,
      });
      expect(created.status).toBe(201);
      await sendsThroughTheMailbox(first, 'Sent with key A');
      expect(isEncryptedWith(await storedPassword(first), KEY_A)).toBe(true);

      // Another instance planned its rewrite, then an admin saved a new password: the rewrite must not win.
      const rows = await first.strapi.db.query(MAILBOX_UID).findMany({});
      const plan = planReencryption(rows, createSecretBox(KEY_B, [KEY_A]));
      expect(plan.rewrites).toHaveLength(1);
      await api.request('PUT', `/email-notifications/mailboxes/${created.body.data.id}`, { password: 'Newer-Passw0rd!' });
      expect(await applyReencryption(first.strapi, plan.rewrites)).toEqual([]);
      expect(createSecretBox(KEY_A).decrypt(await storedPassword(first))).toBe('Newer-Passw0rd!');
      await api.request('PUT', `/email-notifications/mailboxes/${created.body.data.id}`, { password: PASSWORD });
      await stop();
    });

    it('with key B and A as a previous key, two instances starting together leave the secret re-encrypted under B (not twice), and mail is sent', async () => {
      const env = keysEnv(KEY_B, [KEY_A]);
      const [inProcess, child] = await Promise.all([start(env), spawnInstance(databaseFile, { ...db.env, ...env })]);
      try {
        const stored = await storedPassword(inProcess);
        expect(isEncryptedWith(stored, KEY_B)).toBe(true);
        expect(createSecretBox(KEY_B).decrypt(stored)).toBe(PASSWORD);
        await sendsThroughTheMailbox(inProcess, 'Sent with key B after rotation');
      } finally {
        await child.stop();
        await stop();
      }
    });

    it('with key B alone, the mailbox still sends', async () => {
      const instance = await start(keysEnv(KEY_B));
      const [mailbox] = (await (await adminApi(instance.url)).request('GET', '/email-notifications/mailboxes')).body.data;
      expect(mailbox).toMatchObject({ name: 'Support', hasPassword: true, secretProblem: null });
      await sendsThroughTheMailbox(instance, 'Sent with key B alone');
      await stop();
    });

    it('with an unknown key C, Strapi starts and the mailbox and the waiting message say which option to set', async () => {
      const instance = await start(keysEnv(KEY_C));
      const api = await adminApi(instance.url);
      const fix = /The stored password was encrypted with a key this Strapi does not know.*'previousEncryptionKeys'/;
      const [listed] = (await api.request('GET', '/email-notifications/mailboxes')).body.data;
      expect(listed).toMatchObject({ name: 'Support', hasPassword: true, secretProblem: expect.stringMatching(fix) });
      const detail = await api.request('GET', `/email-notifications/mailboxes/${listed.id}`);
      expect(detail.body.data.secretProblem).toMatch(fix);
      const check = await api.request('POST', `/email-notifications/mailboxes/${listed.id}/verify`, {});
      expect(check.status).toBe(409);
      expect(check.body.error.message).toMatch(fix);

      sink.clear();
      const { messageId } = await instance.strapi.plugin('email-notifications').service('notifications').send({ to: 'ada@example.com', subject: 'Waits for a key', text: 'x' });
      const waiting = await waitFor(async () => (await messageRows(instance.strapi, { documentId: messageId })).find((m: any) => m.waitingReason));
      expect(waiting).toMatchObject({ status: 'queued' });
      expect(waiting.waitingReason).toMatch(/"Support": The stored password was encrypted with a key this Strapi does not know/);
      expect(sink.messages).toHaveLength(0);
      // The secret is left as it was: setting key B again (or listing it as previous) brings the mailbox back.
      expect(isEncryptedWith(await storedPassword(instance), KEY_B)).toBe(true);
      await stop();
    });
  });
}
