/*
 * One-click unsubscribe when it cannot be offered, through the real playground and a real SMTP sink:
 * without a public URL (no unsubscribe.publicUrl, no server.url) the start-up message names the rules
 * and mail goes without the headers, with the reason noted on the message; a message to several
 * recipients never carries a link that names one of them.
 */
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { adminApi, type AdminApi } from '../helpers/admin-api';
import { FAST_DELIVERY, messageRows, pluginConfigEnv, sinkUrl, waitForSettled } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

let app: Playground;
let sink: SmtpSink;
let api: AdminApi;

const allowedRule = (name: string, to: string[]) => ({
  name,
  category: 'updates',
  unsubscribe: 'allowed',
  trigger: { type: 'event', name: `setup.${name.toLowerCase().replace(/\W+/g, '-')}` },
  recipients: { to: to.map((address) => ({ address })) },
  template: { subject: name, text: 'News' },
});

beforeAll(async () => {
  sink = await startSmtpSink();
  const config = { ...FAST_DELIVERY, flood: { caps: [], duplicateWindowMinutes: 0 }, rules: { definitions: [allowedRule('From config', ['a@example.com'])] } };
  app = await startPlayground({ env: { EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port), ...pluginConfigEnv(config) } });
  api = await adminApi(app.url);
});
afterAll(async () => {
  await app?.stop();
  await sink?.close();
});

async function emitAndSettle(name: string) {
  const notifications = app.strapi.plugin('email-notifications').service('notifications');
  await notifications.emit(name, {});
  await app.strapi.plugin('email-notifications').service('rules').idle();
  await waitForSettled(app.strapi);
}

it('names the rules at start when links would have no public address', async () => {
  const warning = await app.strapi.plugin('email-notifications').service('unsubscribe').missingBaseWarning();
  expect(warning).toBe(
    `[email-notifications] 1 rule(s) allow one-click unsubscribe ("From config"), but set Strapi's server.url or the plugin option unsubscribe.publicUrl to this site's public https address; until then their mail goes out without the List-Unsubscribe headers.`,
  );
});

it('sends without the headers and notes why: no public URL, or several recipients', async () => {
  await emitAndSettle('setup.from-config');
  expect((await api.request('POST', '/email-notifications/rules', allowedRule('Team news', ['a@example.com', 'b@example.com']))).status).toBe(201);
  await emitAndSettle('setup.team-news');
  expect(sink.messages.map((m) => m.subject).sort()).toEqual(['From config', 'Team news']);
  expect(sink.messages.every((m) => !/^List-Unsubscribe/im.test(m.raw.split(/\r?\n\r?\n/)[0]!))).toBe(true);
  const [single] = await messageRows(app.strapi, { subject: 'From config' });
  expect(single.origin.notes).toEqual([expect.stringMatching(/^no List-Unsubscribe header: set Strapi's server\.url or the plugin option unsubscribe\.publicUrl/)]);
  const [team] = await messageRows(app.strapi, { subject: 'Team news' });
  expect(team.origin.notes).toEqual(['no List-Unsubscribe header: the message goes to 2 recipients and a one-click link names one (digests send one message per recipient)']);
});

it('refuses an unknown unsubscribe mode with the field and the choices', async () => {
  const refused = await api.request('POST', '/email-notifications/rules', { ...allowedRule('Bad mode', ['a@example.com']), unsubscribe: 'yes' });
  expect(refused.status).toBe(400);
  expect(refused.body.error.details.errors).toEqual([
    { path: ['unsubscribe'], message: 'must be one of "allowed", "critical"' },
  ]);
});
