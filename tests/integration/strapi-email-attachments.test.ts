/*
 * Attachments of Strapi's own email (service('email').send) through the outbox: a file given by its
 * path reaches the receiving server, content held in memory is left out and noted on the message.
 */
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { FAST_DELIVERY, messageRows, pluginConfigEnv, sinkUrl, waitForSettled } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

let app: Playground;
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startPlayground({ env: { EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port), ...pluginConfigEnv(FAST_DELIVERY) } });
});
afterAll(async () => {
  await app?.stop();
  await sink?.close();
});

it('sends a file given by path and leaves out content held in memory, saying so on the message', async () => {
  const file = path.join(app.tmpDir, 'rma-1001.txt');
  fs.writeFileSync(file, 'Returned item: one keyboard.\n');
  await app.strapi.plugin('email').service('email').send({
    to: 'customer@example.com',
    subject: 'Your RMA label',
    text: 'The label is attached.',
    attachments: [
      { filename: 'rma-1001.txt', path: file, contentType: 'text/plain' },
      { filename: 'in-memory.txt', content: Buffer.from('not stored') },
    ],
  });
  const [received] = await sink.waitForMessages(1);
  const parsed = await simpleParser(received!.raw);
  expect(parsed.attachments.map((a) => [a.filename, a.contentType, a.content.toString('utf8')])).toEqual([['rma-1001.txt', 'text/plain', 'Returned item: one keyboard.\n']]);
  await waitForSettled(app.strapi);
  const [row] = await messageRows(app.strapi, { subject: 'Your RMA label' });
  expect(row).toMatchObject({ status: 'sent', originType: 'strapi-email', attachments: [{ filename: 'rma-1001.txt', path: file, contentType: 'text/plain' }] });
  expect(row.origin.notes).toEqual([expect.stringContaining('attachment "in-memory.txt" left out: its content is held in memory')]);
});
