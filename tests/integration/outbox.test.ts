/*
 * The outbox in one Strapi instance, against real SMTP servers: send() only enqueues, the worker
 * delivers, failures are classified (retry, fail at once, wait for a mailbox), idempotency keys hold,
 * and the stored copy loses its secrets once sent.
 */
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { FAST_DELIVERY, messageRows, pluginConfigEnv, waitFor, waitForSettled, sinkUrl } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

let app: Playground;
let sink: SmtpSink;
let notifications: any;

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startPlayground({
    env: { EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port, 'helpdesk@example.com', 'Helpdesk'), ...pluginConfigEnv(FAST_DELIVERY) },
  });
  notifications = app.strapi.plugin('email-notifications').service('notifications');
});
afterAll(async () => {
  await app?.stop();
  await sink?.close();
});
beforeEach(() => {
  sink.setFaults({});
  sink.clear();
});

describe('send()', () => {
  it('returns at once with a queued message that the worker then delivers', async () => {
    const result = await notifications.send({ to: 'Ada <ADA@Example.COM>', cc: 'ops@example.com', subject: 'RMA-1001 authorised', text: 'Your RMA was authorised.', html: '<p>Your RMA was <b>authorised</b>.</p>' });
    expect(result).toMatchObject({ status: 'queued', created: true });
    const [received] = await sink.waitForMessages(1);
    expect(received.envelope.to.sort()).toEqual(['ADA@example.com', 'ops@example.com']);
    expect(received.subject).toBe('RMA-1001 authorised');
    expect(received.text).toContain('Your RMA was authorised.');
    expect(received.html).toContain('<b>authorised</b>');
    expect(received.headers['auto-submitted']).toBe('auto-generated');
    expect(received.headers['x-auto-response-suppress']).toBe('All');
    await waitForSettled(app.strapi);
    const [row] = await messageRows(app.strapi, { documentId: result.messageId });
    expect(row).toMatchObject({ status: 'sent', attempts: 1, mailboxName: 'Default mailbox' });
    expect(row.serverResponse).toMatch(/^250/);
    expect(row.messageId).toBe(received.messageId);
  });

  it('refuses bad input with the field named, and queues nothing', async () => {
    const before = (await messageRows(app.strapi)).length;
    await expect(notifications.send({ to: 'not-an-address', subject: 'x', text: 'y' })).rejects.toMatchObject({ problems: [{ path: 'to' }] });
    await expect(notifications.send({ to: 'a@example.com', subject: 'x\r\nBcc: evil@example.com', text: 'y' })).rejects.toMatchObject({ problems: [{ path: 'subject' }] });
    await expect(notifications.send({ to: 'a@example.com', subject: 'x' })).rejects.toMatchObject({ problems: [{ path: 'text' }] });
    await expect(notifications.send({ to: 'a@example.com', subject: 'x', text: 'y', headers: { 'Message-ID': '<x@y>' } })).rejects.toMatchObject({ problems: [{ path: 'headers.Message-ID' }] });
    expect((await messageRows(app.strapi)).length).toBe(before);
  });

  it('gives one message for the same idempotency key', async () => {
    const first = await notifications.send({ to: 'a@example.com', subject: 'Once', text: 'only once', idempotencyKey: 'rma-1001-authorised' });
    const second = await notifications.send({ to: 'a@example.com', subject: 'Once', text: 'only once', idempotencyKey: 'rma-1001-authorised' });
    expect(second).toMatchObject({ messageId: first.messageId, created: false });
    await waitForSettled(app.strapi);
    await new Promise((r) => setTimeout(r, 200));
    expect(sink.messages.filter((m) => m.subject === 'Once')).toHaveLength(1);
  });
});

describe('sendMany()', () => {
  it('queues a batch, honouring idempotency keys inside it and against earlier messages', async () => {
    const earlier = await notifications.send({ to: 'a@example.com', subject: 'Batch A', text: 'x', idempotencyKey: 'batch-a' });
    const results = await notifications.sendMany([
      { to: 'a@example.com', subject: 'Batch A', text: 'x', idempotencyKey: 'batch-a' },
      { to: 'b@example.com', subject: 'Batch B', text: 'x', idempotencyKey: 'batch-b' },
      { to: 'b@example.com', subject: 'Batch B', text: 'x', idempotencyKey: 'batch-b' },
      { to: 'c@example.com', subject: 'Batch C', text: 'x' },
    ]);
    expect(results.map((r: any) => r.created)).toEqual([false, true, false, true]);
    expect(results[0].messageId).toBe(earlier.messageId);
    expect(results[2].messageId).toBe(results[1].messageId);
    await waitForSettled(app.strapi);
    await new Promise((r) => setTimeout(r, 200));
    expect(sink.messages.map((m) => m.subject).sort()).toEqual(['Batch A', 'Batch B', 'Batch C']);
  });

  it('queues nothing when one message of the batch is invalid, naming it by index', async () => {
    const before = (await messageRows(app.strapi)).length;
    await expect(notifications.sendMany([{ to: 'ok@example.com', subject: 'fine', text: 'x' }, { to: 'bad', subject: 'x', text: 'y' }])).rejects.toMatchObject({
      problems: [{ path: '1.to' }],
    });
    expect((await messageRows(app.strapi)).length).toBe(before);
  });
});

describe('failures', () => {
  it('retries a temporary failure, keeping the same Message-ID', async () => {
    sink.setFaults({ dataResponseCode: 451 });
    const { messageId } = await notifications.send({ to: 'a@example.com', subject: 'Retry me', text: 'x' });
    const failedOnce = await waitFor(async () => {
      const [row] = await messageRows(app.strapi, { documentId: messageId });
      return row.attempts >= 1 ? row : null;
    });
    sink.setFaults({});
    expect(failedOnce.attemptLog.at(-1)).toMatchObject({ outcome: 'retry', responseCode: 451 });
    const [received] = await sink.waitForMessages(1);
    await waitForSettled(app.strapi);
    const [row] = await messageRows(app.strapi, { documentId: messageId });
    expect(row.status).toBe('sent');
    expect(row.attempts).toBeGreaterThanOrEqual(2);
    expect(received.messageId).toBe(failedOnce.messageId);
  });

  it('fails a permanently refused message after one attempt, keeping the server answer', async () => {
    sink.setFaults({ rejectRecipient: 'nobody@' });
    const bad = await notifications.send({ to: 'nobody@example.com', subject: 'Bounce', text: 'x' });
    const good = await notifications.send({ to: 'somebody@example.com', subject: 'Fine', text: 'x' });
    await waitForSettled(app.strapi);
    const [badRow] = await messageRows(app.strapi, { documentId: bad.messageId });
    const [goodRow] = await messageRows(app.strapi, { documentId: good.messageId });
    expect(badRow).toMatchObject({ status: 'failed', attempts: 1 });
    expect(badRow.lastError).toMatch(/550/);
    expect(badRow.attemptLog.at(-1)).toMatchObject({ outcome: 'failed', responseCode: 550 });
    expect(goodRow.status).toBe('sent');
  });

  it('fails after the configured attempts ("final delivery failed")', async () => {
    sink.setFaults({ dataResponseCode: 421 });
    const { messageId } = await notifications.send({ to: 'a@example.com', subject: 'Never', text: 'x' });
    await waitForSettled(app.strapi, 60000);
    const [row] = await messageRows(app.strapi, { documentId: messageId });
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(8);
    expect(row.attemptLog.at(-1).note).toMatch(/Final delivery failed after 8 attempts/);
  });
});

describe('stored copies', () => {
  it('masks reset links and tokens in the stored copy once sent; the wire copy is untouched', async () => {
    const link = 'https://helpdesk.example.com/reset-password?code=9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddcc';
    const { messageId } = await notifications.send({ to: 'a@example.com', subject: 'Reset', text: `Reset: ${link}`, html: `<a href="${link}">Reset</a>` });
    const [received] = await sink.waitForMessages(1);
    expect(received.text).toContain(link);
    await waitForSettled(app.strapi);
    const [row] = await messageRows(app.strapi, { documentId: messageId });
    expect(row.secretsMasked).toBe(true);
    expect(row.text).toBe('Reset: https://helpdesk.example.com/reset-password?code=********');
    expect(row.html).not.toContain('9f8e7d6c5b4a');
  });

  it('calls onAfterSend hooks after a message is recorded as sent', async () => {
    const seen: string[] = [];
    notifications.onAfterSend(async (message: any) => {
      seen.push(`${message.status}:${message.subject}`);
      throw new Error('a broken hook does not break delivery');
    });
    await notifications.send({ to: 'a@example.com', subject: 'Hooked', text: 'x' });
    await waitFor(async () => seen.includes('sent:Hooked'));
  });
});
