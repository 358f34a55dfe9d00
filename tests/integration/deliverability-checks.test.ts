/*
 * The DNS checks against a real DNS server on loopback (dns2), which the playground asks through
 * `deliverability.dnsServers`: good and broken SPF, DKIM, DMARC and MX records as a table of cases,
 * each with its verdict and fix; a server that does not answer; bad input; the mailbox list warnings.
 */
import { adminApi, type AdminApi } from '../helpers/admin-api';
import { startDnsServer, type TestDnsServer } from '../../playground/lib/dns-server';
import { pluginConfigEnv } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

let app: Playground;
let api: AdminApi;
let dns: TestDnsServer;
const HOST_IP = '192.0.2.10';

beforeAll(async () => {
  dns = await startDnsServer({ silentSuffix: 'silent.test' });
  app = await startPlayground({ env: pluginConfigEnv({ deliverability: { dnsServers: [dns.address], dnsTimeoutMs: 800 } }) });
  api = await adminApi(app.url);
});
afterAll(async () => {
  await app?.stop();
  await dns?.close();
});

/** A mailbox sending as helpdesk@<domain> through smtp.<domain>, with a DKIM key (selector s1) unless `dkim: false`. */
async function mailboxFor(domain: string, dkimDomain = domain): Promise<{ id: string; dkim: { name: string; value: string } }> {
  const created = await api.request('POST', '/email-notifications/mailboxes', { name: `Mailbox ${domain}`, fromAddress: `helpdesk@${domain}`, host: `smtp.${domain}` });
  expect(created.status).toBe(201);
  const key = await api.request('POST', `/email-notifications/mailboxes/${created.body.data.id}/dkim`, { domain: dkimDomain, selector: 's1' });
  expect(key.status).toBe(201);
  return { id: created.body.data.id, dkim: key.body.data };
}

/** Everything right: MX, SPF naming the host, the host's address, DKIM, DMARC quarantine. */
function publishGood(domain: string, dkim: { name: string; value: string }) {
  dns.set(domain, { MX: [{ exchange: `mx.${domain}`, priority: 10 }], TXT: [`v=spf1 a:smtp.${domain} ~all`, 'google-site-verification=abc'] });
  dns.set(`smtp.${domain}`, { A: [HOST_IP] });
  dns.set(`_dmarc.${domain}`, { TXT: ['v=DMARC1; p=quarantine; rua=mailto:d@example.com'] });
  dns.set(dkim.name, { TXT: [dkim.value] });
}

type Expect = Record<string, ['pass' | 'warn' | 'fail', RegExp?]>;
interface Case {
  title: string;
  domain: string;
  dkimDomain?: string;
  /** Breaks the good zone. */
  breakIt(domain: string, dkim: { name: string; value: string }): void;
  expect: Expect;
}

const otherKey = 'v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwh0DGLAjUzKgBzqYx8YLRmlxbjnN0hHzYjAXVbbeFXs0o+PT4ccBHRILy0tUq7vbfdJ1M5JQyuRp4ehuvhgp3+gtZJsNRy2plETEFzrhCfK6mNlzqnuc8dP+iEKfMTbn7/Iwr76ouXJTs8ABxHtxP1K48iG7gMLE0LwqG8ygaSJ1SDxOF3dnYQ1v3jHRvhqtwUaRAmOovE2RhmBeRbMw9d4QO8SJn7TfXGDD1CQ4j0o6o+tK0LLSN04Cu26QB/kk8C7f7HgZrEVwuAxq1URrxbuROhD+7RZsR6wDPFDg+j2x3l8t/ZRPDZ7pKb0AzHD5jY6Q5gRFmfk+Q7g5Z5pgrQIDAQAB';

const cases: Case[] = [
  { title: 'good records pass', domain: 'good.test', breakIt: () => undefined, expect: { mx: ['pass'], spf: ['pass', /of 10 DNS lookups/], 'spf-host': ['pass'], dkim: ['pass'], dmarc: ['pass'], alignment: ['pass'], 'mta-sts': ['warn'], 'tls-rpt': ['warn'] } },
  { title: 'no MX', domain: 'nomx.test', breakIt: (d) => dns.set(d, { TXT: [`v=spf1 a:smtp.${d} ~all`] }), expect: { mx: ['fail', /nomx\.test has no MX record.*MX 10 mail\.nomx\.test/] } },
  { title: 'no SPF record', domain: 'nospf.test', breakIt: (d) => dns.set(d, { MX: [{ exchange: `mx.${d}`, priority: 10 }] }), expect: { spf: ['fail', /Add a TXT record to nospf\.test: v=spf1 a:smtp\.nospf\.test ~all/], 'spf-host': ['fail'], alignment: ['pass', /DKIM/] } },
  { title: 'two SPF records', domain: 'twospf.test', breakIt: (d) => dns.add(d, { TXT: ['v=spf1 include:_spf.example.net -all'] }), expect: { spf: ['fail', /has 2 SPF records.*merge them into one/] } },
  { title: 'SPF syntax error', domain: 'badspf.test', breakIt: (d) => dns.set(d, { MX: [{ exchange: `mx.${d}`, priority: 10 }], TXT: [`v=spf1 a:smtp.${d} frobnicate:x ~all`] }), expect: { spf: ['fail', /has an error/] } },
  {
    title: 'SPF over 10 lookups',
    domain: 'manyspf.test',
    breakIt: (d) => {
      const includes = Array.from({ length: 11 }, (_, i) => `include:i${i}.${d}`);
      for (let i = 0; i < 11; i++) dns.set(`i${i}.${d}`, { TXT: ['v=spf1 -all'] });
      dns.set(d, { MX: [{ exchange: `mx.${d}`, priority: 10 }], TXT: [`v=spf1 ${includes.join(' ')} ~all`] });
    },
    expect: { spf: ['fail', /more than 10 DNS lookups/] },
  },
  {
    title: 'SPF does not authorise the host',
    domain: 'notauth.test',
    breakIt: (d) => dns.set(d, { MX: [{ exchange: `mx.${d}`, priority: 10 }], TXT: ['v=spf1 ip4:198.51.100.7 ~all'] }),
    expect: { spf: ['pass'], 'spf-host': ['fail', /Add `a:smtp\.notauth\.test` to the SPF record of notauth\.test: v=spf1 ip4:198\.51\.100\.7 a:smtp\.notauth\.test ~all/] },
  },
  { title: 'DKIM record missing', domain: 'nodkim.test', breakIt: (_d, k) => dns.remove(k.name), expect: { dkim: ['fail', /not published.*Publish a TXT record named s1\._domainkey\.nodkim\.test with the value: v=DKIM1; k=rsa; p=/], alignment: ['pass', /SPF/] } },
  { title: 'DKIM key mismatch', domain: 'wrongdkim.test', breakIt: (_d, k) => dns.set(k.name, { TXT: [otherKey] }), expect: { dkim: ['fail', /holds a different key.*replace its value with v=DKIM1; k=rsa; p=/] } },
  { title: 'no DMARC', domain: 'nodmarc.test', breakIt: (d) => dns.remove(`_dmarc.${d}`), expect: { dmarc: ['fail', /TXT record named _dmarc\.nodmarc\.test with the value: v=DMARC1; p=none/] } },
  { title: 'DMARC p=none only monitors', domain: 'monitor.test', breakIt: (d) => dns.set(`_dmarc.${d}`, { TXT: ['v=DMARC1; p=none'] }), expect: { dmarc: ['warn', /p=quarantine/] } },
  {
    title: 'DMARC misaligned (SPF fails, DKIM signs for another domain)',
    domain: 'misaligned.test',
    dkimDomain: 'other.test',
    breakIt: (d) => dns.set(d, { MX: [{ exchange: `mx.${d}`, priority: 10 }], TXT: ['v=spf1 -all'] }),
    expect: { dkim: ['pass'], 'spf-host': ['fail'], alignment: ['fail', /DMARC fails for mail from misaligned\.test.*signs for other\.test: add a key for misaligned\.test/] },
  },
];

describe('GET /email-notifications/mailboxes/:id/deliverability', () => {
  it.each(cases.map((c) => [c.title, c]))('%s', async (_title, c) => {
    const { id, dkim } = await mailboxFor(c.domain, c.dkimDomain);
    publishGood(c.domain, dkim);
    c.breakIt(c.domain, dkim);
    const res = await api.request('GET', `/email-notifications/mailboxes/${id}/deliverability`);
    expect(res.status).toBe(200);
    expect(res.body.data.domain).toBe(c.domain);
    const byName = Object.fromEntries(res.body.data.checks.map((check: any) => [check.name, check]));
    for (const [name, [status, fix]] of Object.entries(c.expect)) {
      expect({ name, status: byName[name]?.status }).toEqual({ name, status });
      if (fix) expect(`${byName[name].fix ?? ''} ${byName[name].found ?? ''}`).toMatch(fix);
    }
    if (Object.values(c.expect).every(([s]) => s === 'pass' || s === 'warn') && c.title.startsWith('good')) {
      expect(res.body.data.checks.filter((check: any) => check.status !== 'pass').every((check: any) => check.optional)).toBe(true);
    }
  });
});

describe('GET /email-notifications/deliverability/check', () => {
  it('checks a domain with the keys of this installation for it', async () => {
    const res = await api.request('GET', '/email-notifications/deliverability/check?domain=good.test');
    expect(res.status).toBe(200);
    const names = res.body.data.checks.map((c: any) => `${c.name}:${c.status}`);
    expect(names).toEqual(expect.arrayContaining(['mx:pass', 'spf:pass', 'dkim:pass', 'dmarc:pass']));
    expect(names.some((n: string) => n.startsWith('spf-host'))).toBe(false);
  });

  it('checks the record at a selector given for a domain without keys here', async () => {
    dns.set('nokeys.test', { MX: [{ exchange: 'mx.nokeys.test', priority: 5 }] });
    dns.set('sel._domainkey.nokeys.test', { TXT: [otherKey] });
    const res = await api.request('GET', '/email-notifications/deliverability/check?domain=nokeys.test&selector=sel');
    expect(res.body.data.checks.find((c: any) => c.name === 'dkim')).toMatchObject({ status: 'pass' });
  });

  it('reports a DNS server that does not answer as a failure with the explanation, in bounded time', async () => {
    const started = Date.now();
    const res = await api.request('GET', '/email-notifications/deliverability/check?domain=quiet.silent.test');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(10_000);
    const spf = res.body.data.checks.find((c: any) => c.name === 'spf');
    expect(spf).toMatchObject({ status: 'fail', found: null });
    expect(spf.fix).toMatch(/did not answer.*deliverability\.dnsServers/);
    expect(res.body.data.checks.find((c: any) => c.name === 'mx').fix).toMatch(/did not answer/);
  });

  it('refuses a malformed domain or selector with 400 naming the field', async () => {
    const bad = await api.request('GET', '/email-notifications/deliverability/check?domain=https://example.com&selector=a_b!');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: any) => e.path.join('.')).sort()).toEqual(['domain', 'selector']);
    expect((await api.request('GET', '/email-notifications/deliverability/check')).body.error.details.errors[0].path).toEqual(['domain']);
  });
});

describe('mailbox list warnings', () => {
  it('warns about no DKIM, a DKIM domain not aligned with From, and no TLS; not for a good mailbox', async () => {
    const plain = await api.request('POST', '/email-notifications/mailboxes', { name: 'Plain', fromAddress: 'desk@plain.test', host: 'smtp.plain.test', security: 'none' });
    const list = (await api.request('GET', '/email-notifications/mailboxes')).body.data;
    const codes = (name: string) => list.find((m: any) => m.name === name).warnings.map((w: any) => w.code);
    expect(codes('Plain')).toEqual(['no-dkim', 'no-tls']);
    // The last check of these two found SPF not authorising their host: the list says so, with the fix.
    expect(codes('Mailbox misaligned.test')).toEqual(['dkim-not-aligned', 'spf-host-not-allowed']);
    expect(codes('Mailbox good.test')).toEqual([]);
    const notauth = list.find((m: any) => m.name === 'Mailbox notauth.test');
    expect(notauth.warnings).toEqual([{ code: 'spf-host-not-allowed', message: expect.stringMatching(/^SPF of notauth\.test does not authorise smtp\.notauth\.test\. Add `a:smtp\.notauth\.test`/) }]);
    expect(plain.body.data.dkim).toMatchObject({ hasKey: false, dnsRecord: null, keys: [] });
  });

  it('forgets the SPF warning when the host changes, and when a new check passes', async () => {
    const list = async () => (await api.request('GET', '/email-notifications/mailboxes')).body.data;
    const notauth = (await list()).find((m: any) => m.name === 'Mailbox notauth.test');
    await api.request('PUT', `/email-notifications/mailboxes/${notauth.id}`, { host: 'relay.notauth.test' });
    expect((await list()).find((m: any) => m.id === notauth.id).warnings).toEqual([]);
    dns.set('notauth.test', { MX: [{ exchange: 'mx.notauth.test', priority: 10 }], TXT: ['v=spf1 ip4:198.51.100.7 a:relay.notauth.test ~all'] });
    dns.set('relay.notauth.test', { A: ['198.51.100.9'] });
    const again = await api.request('GET', `/email-notifications/mailboxes/${notauth.id}/deliverability`);
    expect(again.body.data.checks.find((c: any) => c.name === 'spf-host')).toMatchObject({ status: 'pass' });
    expect((await list()).find((m: any) => m.id === notauth.id).warnings).toEqual([]);
  });
});

describe('GET /email-notifications/deliverability/guide', () => {
  it("fills in the records of this installation's mailboxes, SMTP first", async () => {
    const res = await api.request('GET', '/email-notifications/deliverability/guide');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.data)).toEqual(['smtp', 'domains']);
    const good = res.body.data.domains.find((d: any) => d.domain === 'good.test');
    expect(good.spf).toEqual({ name: 'good.test', value: 'v=spf1 a:smtp.good.test ~all' });
    expect(good.dkim).toEqual([{ mailbox: 'Mailbox good.test', record: { name: 's1._domainkey.good.test', value: expect.stringMatching(/^v=DKIM1; k=rsa; p=/) } }]);
    expect(good.dmarc).toEqual({ name: '_dmarc.good.test', value: 'v=DMARC1; p=none; rua=mailto:dmarc-reports@good.test' });
    expect(res.body.data.smtp).toEqual(expect.arrayContaining([{ mailbox: 'Plain', id: expect.any(String), server: 'smtp.plain.test:587', encrypted: false }]));
  });
});
