/*
 * DKIM signing end to end: keys made through the admin API, their records published on a real DNS
 * server on loopback, messages sent through the real outbox to an SMTP sink and verified there with
 * mailauth's authenticate() against that DNS; then a key rotation (pending, switch, retire), an Ed25519
 * second signature, bad input, the routing dry run and the routed test email.
 */
import { authenticate } from 'mailauth';
import { generateKeyPairSync } from 'node:crypto';
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { adminApi, type AdminApi } from '../helpers/admin-api';
import { startDnsServer, type TestDnsServer } from '../../playground/lib/dns-server';
import { FAST_DELIVERY, pluginConfigEnv, sinkUrl } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

let app: Playground;
let api: AdminApi;
let dns: TestDnsServer;
let sink: SmtpSink;
let mailboxId: string;
const DOMAIN = 'signed.test';

beforeAll(async () => {
  dns = await startDnsServer();
  sink = await startSmtpSink();
  app = await startPlayground({
    env: { ...pluginConfigEnv({ ...FAST_DELIVERY, deliverability: { dnsServers: [dns.address], dnsTimeoutMs: 1000 } }), EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port, `helpdesk@${DOMAIN}`, 'Helpdesk') },
  });
  api = await adminApi(app.url);
  mailboxId = (await api.request('GET', '/email-notifications/mailboxes')).body.data[0].id;
});
afterAll(async () => {
  await app?.stop();
  await Promise.all([dns?.close(), sink?.close()]);
});
beforeEach(() => sink.clear());

const dkimPath = (suffix = '') => `/email-notifications/mailboxes/${mailboxId}/dkim${suffix}`;

/** Sends through the outbox and verifies the received message with mailauth against the test DNS. */
async function sendAndVerify(subject: string) {
  const notifications = app.strapi.plugin('email-notifications').service('notifications');
  sink.clear();
  await notifications.send({ to: 'customer@example.com', subject, text: 'Your RMA was authorised.' });
  const [message] = await sink.waitForMessages(1);
  const result = await authenticate(message!.raw, { ip: '127.0.0.1', helo: 'localhost', sender: `helpdesk@${DOMAIN}`, mta: 'sink.test', resolver: dns.resolver as never });
  return result.dkim.results.map((r: any) => ({ selector: r.selector, domain: r.signingDomain, algo: r.algo, result: r.status.result }));
}

describe('DKIM keys and signing', () => {
  it('refuses bad input with 400 naming each field, and changes nothing', async () => {
    const bad = await api.request('POST', dkimPath(), { domain: 'not a domain', selector: 'bad_selector!', algorithm: 'dsa' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: any) => e.path.join('.')).sort()).toEqual(['algorithm', 'domain', 'selector']);
    const notPem = await api.request('POST', dkimPath(), { domain: DOMAIN, selector: 's1', privateKey: 'hello' });
    expect(notPem.body.error.details.errors[0]).toMatchObject({ path: ['privateKey'], message: expect.stringMatching(/not a PEM private key/) });
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ec = await api.request('POST', dkimPath(), { domain: DOMAIN, selector: 's1', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) });
    expect(ec.body.error.details.errors[0].path).toEqual(['privateKey']);
    const mailbox = (await api.request('GET', `/email-notifications/mailboxes/${mailboxId}`)).body.data;
    expect(mailbox.dkim).toMatchObject({ hasKey: false, keys: [] });
  });

  it('generates an RSA key, shows only its record, and signs every message so that it verifies', async () => {
    const res = await api.request('POST', dkimPath(), { domain: DOMAIN, selector: 's1' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ name: `s1._domainkey.${DOMAIN}`, status: 'active', algorithm: 'rsa' });
    expect(res.body.data.value).toMatch(/^v=DKIM1; k=rsa; p=[A-Za-z0-9+/=]{300,}$/);
    const mailbox = await api.request('GET', `/email-notifications/mailboxes/${mailboxId}`);
    expect(mailbox.body.data.dkim).toMatchObject({ domain: DOMAIN, selector: 's1', hasKey: true, dnsRecord: { name: res.body.data.name, value: res.body.data.value } });
    const everything = JSON.stringify([mailbox.body, (await api.request('GET', '/email-notifications/mailboxes')).body]);
    expect(everything).not.toMatch(/PRIVATE KEY|enc:v1:/);
    const stored = await app.strapi.db.query('plugin::email-notifications.mailbox').findOne({ where: { documentId: mailboxId } });
    expect(stored.dkimPrivateKeys).toMatch(/^enc:v1:/);

    expect(await sendAndVerify('Before publishing')).toEqual([{ selector: 's1', domain: DOMAIN, algo: 'rsa-sha256', result: 'neutral' }]);
    dns.set(res.body.data.name, { TXT: [res.body.data.value] });
    expect(await sendAndVerify('Signed')).toEqual([{ selector: 's1', domain: DOMAIN, algo: 'rsa-sha256', result: 'pass' }]);
  });

  it('rotates without a gap: pending key, switch only once published, old key kept until retired', async () => {
    const pending = await api.request('POST', dkimPath(), { domain: DOMAIN, selector: 's2' });
    expect(pending.body.data).toMatchObject({ name: `s2._domainkey.${DOMAIN}`, status: 'pending' });
    expect(await sendAndVerify('Still s1')).toEqual([expect.objectContaining({ selector: 's1', result: 'pass' })]);

    const early = await api.request('POST', dkimPath('/switch'), {});
    expect(early.status).toBe(400);
    expect(early.body.error.details.errors[0].message).toMatch(/s2\._domainkey\.signed\.test is not published yet/);
    const reused = await api.request('POST', dkimPath(), { domain: DOMAIN, selector: 's1' });
    expect(reused.body.error.details.errors[0]).toMatchObject({ path: ['selector'], message: expect.stringMatching(/already used by the active rsa key/) });

    dns.set(pending.body.data.name, { TXT: [pending.body.data.value] });
    const switched = await api.request('POST', dkimPath('/switch'), {});
    expect(switched.body.data).toMatchObject({ selector: 's2', status: 'active' });
    const keys = (await api.request('GET', `/email-notifications/mailboxes/${mailboxId}`)).body.data.dkim.keys;
    expect(keys.map((k: any) => [k.selector, k.status])).toEqual(expect.arrayContaining([['s1', 'retiring'], ['s2', 'active']]));
    expect(await sendAndVerify('Now s2')).toEqual([{ selector: 's2', domain: DOMAIN, algo: 'rsa-sha256', result: 'pass' }]);

    const retired = await api.request('POST', dkimPath('/retire'), {});
    expect(retired.body.data).toMatchObject({ selector: 's1', status: 'retiring' });
    const after = (await api.request('GET', `/email-notifications/mailboxes/${mailboxId}`)).body.data.dkim.keys;
    expect(after.map((k: any) => k.selector)).toEqual(['s2']);
    expect((await api.request('POST', dkimPath('/retire'), {})).status).toBe(400);
  });

  it('adds a pasted Ed25519 key as a second signature; both verify', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const res = await api.request('POST', dkimPath(), { domain: DOMAIN, selector: 'ed1', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) });
    expect(res.body.data).toMatchObject({ algorithm: 'ed25519', status: 'active', value: expect.stringMatching(/^v=DKIM1; k=ed25519; p=[A-Za-z0-9+/=]{44}$/) });
    dns.set(res.body.data.name, { TXT: [res.body.data.value] });
    const results = await sendAndVerify('Two signatures');
    expect(results).toEqual(expect.arrayContaining([
      { selector: 's2', domain: DOMAIN, algo: 'rsa-sha256', result: 'pass' },
      { selector: 'ed1', domain: DOMAIN, algo: 'ed25519-sha256', result: 'pass' },
    ]));
  });
});

describe('routing dry run and routed test email', () => {
  it('says which mailbox would send and why, without sending', async () => {
    const res = await api.request('POST', '/email-notifications/routing/dry-run', { to: 'customer@example.com', taskGroup: 'nope', recipientIp: '203.0.113.7' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ wouldSend: true, mailbox: { id: mailboxId, name: 'Default mailbox' }, recipientRemoved: null });
    expect(res.body.data.reason).toMatch(/task group "nope" does not exist.*default mailbox "Default mailbox"/);
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.messages).toHaveLength(0);
    const bad = await api.request('POST', '/email-notifications/routing/dry-run', { to: 'nobody', recipientIp: 'x' });
    expect(bad.body.error.details.errors.map((e: any) => e.path.join('.')).sort()).toEqual(['recipientIp', 'to']);
  });

  it('sends a test email through the mailbox routing chooses, signed, and shows why', async () => {
    const res = await api.request('POST', '/email-notifications/test-email', { to: 'you@example.com', route: { taskGroup: 'nope' } });
    expect(res.body.data).toMatchObject({ ok: true, route: { mailbox: { id: mailboxId }, reason: expect.stringMatching(/does not exist/) } });
    const [message] = await sink.waitForMessages(1);
    const result = await authenticate(message!.raw, { ip: '127.0.0.1', helo: 'localhost', sender: `helpdesk@${DOMAIN}`, mta: 'sink.test', resolver: dns.resolver as never });
    expect(result.dkim.results.every((r: any) => r.status.result === 'pass')).toBe(true);
    const both = await api.request('POST', '/email-notifications/test-email', { to: 'you@example.com', mailboxId, route: {} });
    expect(both.body.error.details.errors[0].path).toEqual(['route']);
  });
});

describe('removing the keys', () => {
  it('stops signing once every key is removed', async () => {
    expect((await api.request('DELETE', dkimPath())).status).toBe(204);
    const mailbox = (await api.request('GET', `/email-notifications/mailboxes/${mailboxId}`)).body.data;
    expect(mailbox.dkim).toMatchObject({ hasKey: false, dnsRecord: null, keys: [] });
    expect(mailbox.warnings.map((w: any) => w.code)).toEqual(['no-dkim']);
    expect((await sendAndVerify('Unsigned')).map((r) => r.result)).toEqual(['none']);
    const stored = await app.strapi.db.query('plugin::email-notifications.mailbox').findOne({ where: { documentId: mailboxId } });
    expect(stored.dkimPrivateKeys).toBeNull();
  });
});
