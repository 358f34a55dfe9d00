/*
 * The default mailbox from the plugin options (here the EMAIL_NOTIFICATIONS_SMTP_URL variable the
 * playground passes on): created as the default at the first start, its settings synced at every
 * start, while the admin's later choice of another default survives restarts; invalid options stop
 * Strapi at start-up.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adminApi } from '../helpers/admin-api';
import { startPlayground } from '../helpers/playground';

describe('default mailbox from the options', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'en-default-'));
  const databaseFile = path.join(dir, 'data.db');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is created as the default at the first start, updated at the next, and cannot be deleted from the admin', async () => {
    const first = await startPlayground({
      databaseFile,
      env: { EMAIL_NOTIFICATIONS_SMTP_URL: 'smtp://bot%40example.com:Pa55word@smtp.example.com:587?name=Helpdesk' },
    });
    try {
      const api = await adminApi(first.url);
      const [mailbox] = (await api.request('GET', '/email-notifications/mailboxes')).body.data;
      expect(mailbox).toMatchObject({
        name: 'Default mailbox',
        source: 'config',
        isDefault: true,
        host: 'smtp.example.com',
        port: 587,
        security: 'starttls',
        authType: 'login',
        authUser: 'bot@example.com',
        fromAddress: 'bot@example.com',
        displayName: 'Helpdesk',
        hasPassword: true,
      });
      const del = await api.request('DELETE', `/email-notifications/mailboxes/${mailbox.id}`);
      expect(del.status).toBe(400);
      expect(del.body.error.message).toMatch(/defaultMailbox/);
      // the admin makes another mailbox the default: the option does not take it back at the next start
      const other = await api.request('POST', '/email-notifications/mailboxes', { name: 'Other', fromAddress: 'o@example.com', host: 'o.example.com', isDefault: true });
      expect(other.body.data).toMatchObject({ name: 'Other', isDefault: true });
    } finally {
      await first.stop();
    }

    const second = await startPlayground({
      databaseFile,
      env: { EMAIL_NOTIFICATIONS_SMTP_URL: 'smtps://relay.example.com?from=helpdesk@example.com' },
    });
    try {
      const api = await adminApi(second.url);
      const list = (await api.request('GET', '/email-notifications/mailboxes')).body.data;
      const fromConfig = list.filter((m: any) => m.source === 'config');
      expect(fromConfig).toHaveLength(1);
      expect(fromConfig[0]).toMatchObject({ host: 'relay.example.com', port: 465, security: 'ssl', authType: 'none', hasPassword: false, isDefault: false });
      expect(list.filter((m: any) => m.isDefault).map((m: any) => m.name)).toEqual(['Other']);
    } finally {
      await second.stop();
    }
  });

  it.each([
    ['an unsupported URL scheme', { EMAIL_NOTIFICATIONS_SMTP_URL: 'ftp://files.example.com' }, /defaultMailbox: uses the scheme "ftp"/],
    ['a URL without a sender', { EMAIL_NOTIFICATIONS_SMTP_URL: 'smtp://relay.example.com' }, /defaultMailbox\.fromAddress: is required \(add \?from=/],
    ['an unknown option', { PLAYGROUND_PLUGIN_CONFIG: '{"retries":3}' }, /unknown field\(s\) "retries"/],
    ['a registered-recipient source that does not exist', { PLAYGROUND_PLUGIN_CONFIG: '{"registeredRecipientSources":[{"uid":"api::client.client"}]}' }, /registeredRecipientSources\.0\.uid: there is no content type "api::client.client"/],
    ['a sensitive field that does not exist', { PLAYGROUND_PLUGIN_CONFIG: '{"privacy":{"sensitiveFields":{"api::customer.customer":["lastLoginIP"]}}}' }, /privacy\.sensitiveFields\.api::customer\.customer\.0: api::customer\.customer has no attribute "lastLoginIP"/],
    ['an invalid rule option', { PLAYGROUND_PLUGIN_CONFIG: '{"rules":{"maxChainDepth":0}}' }, /rules\.maxChainDepth: /],
  ])('Strapi refuses to start with %s, naming the option', async (_name, env, message) => {
    await expect(startPlayground({ env })).rejects.toThrow(message);
  });
});
