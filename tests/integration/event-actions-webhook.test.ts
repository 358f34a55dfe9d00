/*
 * The web page action against real local HTTP servers: the signed POST verifies with standardwebhooks'
 * own verifier, 500 and slow receivers are retryable failures, and loopback targets (by IP, by a name
 * resolving to it, by a redirect) are refused with the reason unless allow-listed.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { ActionRun } from '../../server/src/core/events/event-types';
import { createWebhookAction } from '../../server/src/events/actions/webhook-action';

const SECRET = `whsec_${Buffer.from('a secret of thirty-two bytes ...').toString('base64')}`;

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

async function receiver(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { received, port, close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function run(url: string, overrides: Partial<ActionRun> = {}): ActionRun {
  return {
    runId: 'run_7f3a',
    attempt: 1,
    rule: { id: 3, name: 'Final failures to the ops hook' },
    actionIndex: 0,
    action: { type: 'webhook', url },
    event: {
      id: 'evt_1', type: 'final-delivery-failed', at: '2025-03-04T14:05:00.000Z', test: false,
      mailbox: { id: 1, name: 'Helpdesk', emailAddress: 'helpdesk@example.com' },
      server: { protocol: 'smtp', host: 'smtp.example.com', port: 587, ssl: true, requiresAuth: true },
      customerEmail: 'jane@customer.example',
      message: { id: 12, messageId: '<m12@example.com>', subject: 'Your ticket' },
      smtp: { code: 550, response: '550 mailbox unavailable' },
      explanation: 'The server refused the recipient.',
    },
    folded: { count: 499, firstAt: '2025-03-04T14:05:00.000Z', lastAt: '2025-03-04T14:19:00.000Z' },
    ...overrides,
  };
}

describe('web page action', () => {
  const servers: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  async function start(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
    const server = await receiver(answer);
    servers.push(server);
    return server;
  }

  it('posts the event signed per Standard Webhooks; the receiver verifies it with the standardwebhooks verifier', async () => {
    const hook = await start((_req, res) => res.writeHead(204).end());
    const action = createWebhookAction({ allowedHosts: ['127.0.0.1'] });
    const outcome = await action(run(`http://127.0.0.1:${hook.port}/hook?x=1`), { webhookSecret: SECRET });
    expect(outcome).toEqual({ ok: true, httpStatus: 204, detail: 'the web page answered 204' });
    const [call] = hook.received;
    expect(call!.path).toBe('/hook?x=1');
    expect(call!.headers['webhook-id']).toBe('run_7f3a');
    expect(call!.headers['content-type']).toBe('application/json');
    const verified = new Webhook(SECRET).verify(call!.body, call!.headers as Record<string, string>) as any;
    expect(verified.type).toBe('smtp-event.final-delivery-failed');
    expect(verified.data.rule.name).toBe('Final failures to the ops hook');
    expect(verified.data.event.customerEmail).toBe('jane@customer.example');
    expect(verified.data.folded.count).toBe(499);
    expect(verified.data.test).toBe(false);
    // Another secret, or a changed body, does not verify.
    const other = new Webhook(`whsec_${Buffer.from('another secret of 32 bytes .....').toString('base64')}`);
    expect(() => other.verify(call!.body, call!.headers as Record<string, string>)).toThrow();
    expect(() => new Webhook(SECRET).verify(call!.body.replace('499', '498'), call!.headers as Record<string, string>)).toThrow();
    expect(JSON.stringify(outcome)).not.toContain(SECRET);
  });

  it('keeps the webhook-id of the run across attempts and marks test events', async () => {
    const hook = await start((_req, res) => res.writeHead(200).end('ok'));
    const action = createWebhookAction({ allowedHosts: ['127.0.0.1'] });
    const base = run(`http://127.0.0.1:${hook.port}/`);
    await action({ ...base, attempt: 2, event: { ...base.event, test: true } }, { webhookSecret: SECRET });
    const body = new Webhook(SECRET).verify(hook.received[0]!.body, hook.received[0]!.headers as Record<string, string>) as any;
    expect(hook.received[0]!.headers['webhook-id']).toBe('run_7f3a');
    expect(body.data).toMatchObject({ test: true, attempt: 2 });
  });

  it('answers 500 and 429 as retryable, 404 as not retryable', async () => {
    let status = 500;
    const hook = await start((_req, res) => res.writeHead(status).end('database down'));
    const action = createWebhookAction({ allowedHosts: ['127.0.0.1'] });
    const url = `http://127.0.0.1:${hook.port}/`;
    expect(await action(run(url), { webhookSecret: SECRET })).toEqual({ ok: false, retryable: true, httpStatus: 500, error: 'the web page answered 500 Internal Server Error: database down' });
    status = 429;
    expect(await action(run(url), { webhookSecret: SECRET })).toMatchObject({ ok: false, retryable: true, httpStatus: 429 });
    status = 404;
    expect(await action(run(url), { webhookSecret: SECRET })).toMatchObject({ ok: false, retryable: false, httpStatus: 404 });
  });

  it('gives up on a receiver that does not answer within the timeout, as a retryable failure', async () => {
    const hook = await start(() => undefined);
    const action = createWebhookAction({ allowedHosts: ['127.0.0.1'], timeoutMs: 300 });
    const started = Date.now();
    const outcome = await action(run(`http://127.0.0.1:${hook.port}/`), { webhookSecret: SECRET });
    expect(outcome).toEqual({ ok: false, retryable: true, error: `no answer from 127.0.0.1:${hook.port} within 0.3 s` });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('a closed port is a retryable network error', async () => {
    const hook = await start((_req, res) => res.end());
    const { port } = hook;
    await servers.pop()!.close();
    const outcome = await createWebhookAction({ allowedHosts: ['127.0.0.1'] })(run(`http://127.0.0.1:${port}/`), { webhookSecret: SECRET });
    expect(outcome).toMatchObject({ ok: false, retryable: true });
    expect((outcome as { error: string }).error).toMatch(/^network error calling 127\.0\.0\.1:\d+: connect ECONNREFUSED/);
  });

  it('refuses loopback by IP and by a host name resolving to it, and says how to allow it; nothing reaches the receiver', async () => {
    const hook = await start((_req, res) => res.writeHead(200).end());
    const action = createWebhookAction({ allowedHosts: [] });
    expect(await action(run(`http://127.0.0.1:${hook.port}/`), { webhookSecret: SECRET })).toEqual({
      ok: false, retryable: false,
      error: `refused: 127.0.0.1 is a loopback address; add it to events.allowedHosts to allow it (127.0.0.1:${hook.port})`,
    });
    const byName = await action(run(`http://localhost:${hook.port}/`), { webhookSecret: SECRET });
    expect(byName).toMatchObject({ ok: false, retryable: false });
    expect((byName as { error: string }).error).toMatch(/^refused: (127\.0\.0\.1|::1) is a loopback address \(localhost resolves to it\); add it to events.allowedHosts/);
    expect(await action(run('http://169.254.169.254/latest/meta-data/'), { webhookSecret: SECRET })).toMatchObject({ error: expect.stringMatching(/^refused: 169\.254\.169\.254 is a cloud metadata address/) });
    expect(await action(run('http://10.1.2.3/'), { webhookSecret: SECRET })).toMatchObject({ error: expect.stringMatching(/^refused: 10\.1\.2\.3 is a private address/) });
    expect(hook.received).toHaveLength(0);
  });

  it('allows loopback when allow-listed by host name, by IP or by CIDR', async () => {
    const hook = await start((_req, res) => res.writeHead(200).end());
    const secrets = { webhookSecret: SECRET };
    expect(await createWebhookAction({ allowedHosts: ['localhost'] })(run(`http://localhost:${hook.port}/`), secrets)).toMatchObject({ ok: true });
    expect(await createWebhookAction({ allowedHosts: ['127.0.0.0/8'] })(run(`http://127.0.0.1:${hook.port}/`), secrets)).toMatchObject({ ok: true });
    expect(await createWebhookAction({ allowedHosts: ['127.0.0.1'] })(run(`http://127.0.0.1:${hook.port}/`), secrets)).toMatchObject({ ok: true });
    // Allowing the name "localhost" does not allow the address under another spelling.
    expect(await createWebhookAction({ allowedHosts: ['localhost'] })(run(`http://127.0.0.1:${hook.port}/`), secrets)).toMatchObject({ ok: false, retryable: false });
    expect(hook.received).toHaveLength(3);
  });

  it('re-checks every redirect hop: an allowed host redirecting to 127.0.0.1 is refused; allow-listed it is followed', async () => {
    const target = await start((_req, res) => res.writeHead(200).end());
    const redirector = await start((_req, res) => res.writeHead(307, { location: `http://127.0.0.1:${target.port}/final` }).end());
    const url = `http://localhost:${redirector.port}/start`;
    const refused = await createWebhookAction({ allowedHosts: ['localhost'] })(run(url), { webhookSecret: SECRET });
    expect(refused).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/^refused: 127\.0\.0\.1 is a loopback address; add it to events\.allowedHosts/) });
    expect(target.received).toHaveLength(0);
    expect(redirector.received).toHaveLength(1);
    const followed = await createWebhookAction({ allowedHosts: ['localhost', '127.0.0.1'] })(run(url), { webhookSecret: SECRET });
    expect(followed).toEqual({ ok: true, httpStatus: 200, detail: 'the web page answered 200 after 1 redirect' });
    expect(target.received[0]!.path).toBe('/final');
    expect(() => new Webhook(SECRET).verify(target.received[0]!.body, target.received[0]!.headers as Record<string, string>)).not.toThrow();
  });

  it('stops after 5 redirects', async () => {
    const loop = await start((req, res) => res.writeHead(302, { location: `/next${req.url}` }).end());
    const outcome = await createWebhookAction({ allowedHosts: ['127.0.0.1'] })(run(`http://127.0.0.1:${loop.port}/`), { webhookSecret: SECRET });
    expect(outcome).toMatchObject({ ok: false, retryable: false, httpStatus: 302, error: expect.stringMatching(/^more than 5 redirects/) });
    expect(loop.received).toHaveLength(6);
  });

  it('refuses without a secret, with a bad URL or a non-http scheme, before any call', async () => {
    const action = createWebhookAction({ allowedHosts: [] });
    expect(await action(run('https://ops.example.com/hook'), { webhookSecret: null })).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/no web page secret/) });
    expect(await action(run('ftp://ops.example.com/hook'), { webhookSecret: SECRET })).toMatchObject({ ok: false, retryable: false, error: 'ftp: URLs cannot be called; use http or https' });
    expect(await action(run('not a url'), { webhookSecret: SECRET })).toMatchObject({ ok: false, retryable: false });
  });
});
