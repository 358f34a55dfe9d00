/*
 * "Check" and "Send test email" against real SMTP servers (smtp-server in-process) that succeed and
 * fail in the ways real ones do; transcripts never contain the password.
 */
import net from 'node:net';
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { adminApi, type AdminApi } from '../helpers/admin-api';
import { freePort, startPlayground, type Playground } from '../helpers/playground';

let app: Playground;
let api: AdminApi;
let open: SmtpSink;
let authed: SmtpSink;
let tls: SmtpSink;
const PASSWORD = 'Sink-Passw0rd!';

async function createMailbox(patch: Record<string, unknown>) {
  const res = await api.request('POST', '/email-notifications/mailboxes', {
    name: `Mailbox ${Math.random().toString(36).slice(2)}`,
    fromAddress: 'helpdesk@example.com',
    displayName: 'Helpdesk',
    host: '127.0.0.1',
    security: 'none',
    ...patch,
  });
  expect(res.status).toBe(201);
  return res.body.data.id as string;
}

beforeAll(async () => {
  open = await startSmtpSink();
  authed = await startSmtpSink({ auth: { user: 'helpdesk', pass: PASSWORD } });
  tls = await startSmtpSink({ secure: true });
  app = await startPlayground({
    env: { PLAYGROUND_PLUGIN_CONFIG: JSON.stringify({ smtpTimeouts: { connectionTimeoutMs: 2000, greetingTimeoutMs: 2000, socketTimeoutMs: 5000 } }) },
  });
  api = await adminApi(app.url);
});
afterAll(async () => {
  await app?.stop();
  await Promise.all([open, authed, tls].map((s) => s?.close()));
});
beforeEach(() => [open, authed, tls].forEach((s) => (s.setFaults({}), s.clear())));

describe('Check (verify)', () => {
  it('passes against a server that accepts the login, with a masked transcript', async () => {
    const id = await createMailbox({ port: authed.port, authType: 'login', authUser: 'helpdesk', password: PASSWORD });
    const res = await api.request('POST', `/email-notifications/mailboxes/${id}/verify`, {});
    expect(res.status).toBe(200);
    expect(res.body.data.ok).toBe(true);
    const transcript = res.body.data.transcript.join('\n');
    expect(transcript).toMatch(/^S: 220/m);
    expect(transcript).toMatch(/^C: EHLO/m);
    expect(transcript).toMatch(/^S: 235/m);
    expect(JSON.stringify(res.body)).not.toContain(PASSWORD);
    expect(JSON.stringify(res.body)).not.toContain(Buffer.from(`\u0000helpdesk\u0000${PASSWORD}`).toString('base64'));
  });

  it('fails on a refused login and names the password', async () => {
    const id = await createMailbox({ port: authed.port, authType: 'login', authUser: 'helpdesk', password: 'wrong-password' });
    const res = await api.request('POST', `/email-notifications/mailboxes/${id}/verify`, {});
    expect(res.body.data).toMatchObject({ ok: false, error: { code: 'EAUTH', responseCode: 535, field: 'password' } });
    expect(res.body.data.error.explanation).toMatch(/user name or password/);
    expect(JSON.stringify(res.body)).not.toContain('wrong-password');
  });

  it('fails on a closed port and names the port', async () => {
    const id = await createMailbox({ port: await freePort() });
    const res = await api.request('POST', `/email-notifications/mailboxes/${id}/verify`, {});
    expect(res.body.data).toMatchObject({ ok: false, error: { field: 'port' } });
    expect(res.body.data.error.message).toMatch(/ECONNREFUSED/);
  });

  it('fails on plain SMTP against an implicit-TLS port and names the security setting', async () => {
    const id = await createMailbox({ port: tls.port, security: 'starttls' });
    const res = await api.request('POST', `/email-notifications/mailboxes/${id}/verify`, {});
    expect(res.body.data.ok).toBe(false);
    expect(['security', 'port']).toContain(res.body.data.error.field);
  });

  it('reports an untrusted certificate, and passes once verification is turned off', async () => {
    const id = await createMailbox({ port: tls.port, security: 'ssl' });
    const strict = await api.request('POST', `/email-notifications/mailboxes/${id}/verify`, {});
    expect(strict.body.data).toMatchObject({ ok: false, error: { field: 'tlsRejectUnauthorized' } });
    const relaxed = await api.request('POST', `/email-notifications/mailboxes/${id}/verify`, { mailbox: { tlsRejectUnauthorized: false } });
    expect(relaxed.body.data.ok).toBe(true);
  });

  it('checks unsaved settings without a saved mailbox', async () => {
    const res = await api.request('POST', '/email-notifications/mailboxes/verify', {
      mailbox: { host: '127.0.0.1', port: authed.port, security: 'none', authType: 'login', authUser: 'helpdesk', password: PASSWORD },
    });
    expect(res.body.data.ok).toBe(true);
    const missing = await api.request('POST', '/email-notifications/mailboxes/verify', { mailbox: { port: 25 } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.errors[0].path).toEqual(['mailbox', 'host']);
  });

  it('fails when the server never greets (a silent port) within the configured timeout', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const id = await createMailbox({ port });
      const started = Date.now();
      const res = await api.request('POST', `/email-notifications/mailboxes/${id}/verify`, {});
      expect(res.body.data.ok).toBe(false);
      expect(res.body.data.error.message).toMatch(/Greeting never received|timeout/i);
      expect(Date.now() - started).toBeLessThan(15000);
    } finally {
      silent.close();
    }
  });
});

describe('Send test email', () => {
  it('really delivers a short message and returns the final server response', async () => {
    const id = await createMailbox({ port: authed.port, authType: 'login', authUser: 'helpdesk', password: PASSWORD });
    const res = await api.request('POST', '/email-notifications/test-email', { mailboxId: id, to: 'agent@example.com' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ ok: true, accepted: ['agent@example.com'], rejected: [] });
    expect(res.body.data.response).toMatch(/^250 .*queued/);
    const [received] = await authed.waitForMessages(1);
    expect(received.envelope).toEqual({ from: 'helpdesk@example.com', to: ['agent@example.com'] });
    expect(received.user).toBe('helpdesk');
    // The built-in "test-email" template, inside the master layout.
    expect(received.subject).toMatch(/^Test email from Helpdesk via Mailbox/);
    expect(received.html).toContain('This is an automatic notification.');
    expect(received.from).toBe('"Helpdesk" <helpdesk@example.com>');
    expect(received.headers['auto-submitted']).toBe('auto-generated');
    expect(received.text).toMatch(/If you can read it, the mailbox works/);
    expect(received.html).toMatch(/<strong>Mailbox/);
    expect(res.body.data.transcript.join('\n')).toMatch(/^C: DATA/m);
    expect(JSON.stringify(res.body)).not.toContain(PASSWORD);
  });

  it('tests unsaved settings without saving them', async () => {
    const before = (await api.request('GET', '/email-notifications/mailboxes')).body.data.length;
    const res = await api.request('POST', '/email-notifications/test-email', {
      to: 'agent@example.com',
      mailbox: { host: '127.0.0.1', port: open.port, security: 'none', fromAddress: 'draft@example.com' },
    });
    expect(res.body.data.ok).toBe(true);
    expect((await open.waitForMessages(1))[0].envelope.from).toBe('draft@example.com');
    expect((await api.request('GET', '/email-notifications/mailboxes')).body.data.length).toBe(before);
  });

  it('uses the stored password with unsaved changes from the form', async () => {
    const id = await createMailbox({ port: open.port, authType: 'login', authUser: 'helpdesk', password: PASSWORD });
    const res = await api.request('POST', '/email-notifications/test-email', {
      mailboxId: id,
      to: 'agent@example.com',
      mailbox: { port: authed.port, password: '' },
    });
    expect(res.body.data.ok).toBe(true);
    expect((await authed.waitForMessages(1))[0].user).toBe('helpdesk');
  });

  it.each([
    ['a rejected recipient', { rejectRecipient: 'agent@' }, 'to', 550],
    ['a rejected sender', { rejectSender: 'helpdesk@' }, 'fromAddress', 553],
    ['a temporary failure at DATA', { dataResponseCode: 451 }, null, 451],
    ['a permanent failure at DATA', { dataResponseCode: 554 }, null, 554],
  ])('explains %s', async (_name, faults, field, responseCode) => {
    open.setFaults(faults);
    const id = await createMailbox({ port: open.port });
    const res = await api.request('POST', '/email-notifications/test-email', { mailboxId: id, to: 'agent@example.com' });
    expect(res.body.data).toMatchObject({ ok: false, error: { field, responseCode } });
    expect(res.body.data.error.explanation.length).toBeGreaterThan(20);
    expect(open.messages).toHaveLength(0);
  });

  it('reports a connection dropped during DATA', async () => {
    open.setFaults({ dropConnection: 'data' });
    const id = await createMailbox({ port: open.port });
    const res = await api.request('POST', '/email-notifications/test-email', { mailboxId: id, to: 'agent@example.com' });
    expect(res.body.data.ok).toBe(false);
    expect(res.body.data.error.field).toBe('port');
  });

  it('validates the request: recipient, and a mailbox to send with', async () => {
    const bad = await api.request('POST', '/email-notifications/test-email', { to: 'not an address', mailboxId: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['to']);
    const none = await api.request('POST', '/email-notifications/test-email', { to: 'a@example.com' });
    expect(none.status).toBe(400);
    expect(none.body.error.details.errors[0].path).toEqual(['mailboxId']);
    const missing = await api.request('POST', '/email-notifications/test-email', { to: 'a@example.com', mailboxId: 'nope' });
    expect(missing.status).toBe(404);
  });
});
