/*
 * One-click unsubscribe through the real playground and a real SMTP sink: a digest marked "allowed"
 * carries List-Unsubscribe and List-Unsubscribe-Post; the link from the received header shows a
 * confirmation page on GET (recording nothing) and records the opt-out on POST; the next digest skips
 * the recipient with the reason in the mail log; an altered token is refused; critical rules still reach
 * the recipient; admins list and release the holds.
 */
import { startSmtpSink, type SmtpSink, type CapturedMessage } from '../../playground/lib/smtp-sink';
import { adminApi, rawRequest, type AdminApi } from '../helpers/admin-api';
import { FAST_DELIVERY, messageRows, pluginConfigEnv, sinkUrl, waitForSettled } from '../helpers/outbox';
import { freePort, startPlayground, type Playground } from '../helpers/playground';

let app: Playground;
let sink: SmtpSink;
let api: AdminApi;

const RECIPIENT = 'customer@example.com';
const SUPPRESSION = 'plugin::email-notifications.suppression';

/** A header of the raw message, unfolded (nodemailer folds long headers at their spaces). */
function rawHeader(message: CapturedMessage, name: string): string | undefined {
  const head = message.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

const linkOf = (message: CapturedMessage) => /<(https?:\/\/[^>]+)>/.exec(rawHeader(message, 'List-Unsubscribe') ?? '')![1]!;

async function createRule(body: Record<string, unknown>): Promise<string> {
  const created = await api.request('POST', '/email-notifications/rules', body);
  expect(created.status).toBe(201);
  return created.body.data.id;
}

async function runAndSettle(id: string) {
  expect((await api.request('POST', `/email-notifications/rules/${id}/run`)).status).toBe(200);
  await app.strapi.plugin('email-notifications').service('rules').idle();
  await waitForSettled(app.strapi);
}

const digest = (name: string, extra: Record<string, unknown>) => ({
  name,
  trigger: { type: 'schedule', cron: '0 8 * * *', contentType: 'api::rma.rma', filters: { stage: 'received' } },
  recipients: { to: [{ address: RECIPIENT }] },
  template: 'digest',
  ...extra,
});

beforeAll(async () => {
  sink = await startSmtpSink();
  const port = await freePort();
  const config = { ...FAST_DELIVERY, flood: { caps: [], duplicateWindowMinutes: 0 }, unsubscribe: { publicUrl: `http://127.0.0.1:${port}`, mailto: 'unsubscribe@example.com' } };
  app = await startPlayground({ env: { PORT: String(port), EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port), ...pluginConfigEnv(config) } });
  api = await adminApi(app.url);
  await app.strapi.documents('api::rma.rma').create({ data: { number: 'U-1', stage: 'received' } });
});
afterAll(async () => {
  await app?.stop();
  await sink?.close();
});
beforeEach(() => sink.clear());

describe('one-click unsubscribe', () => {
  let link = '';
  let digestId = '';

  it('puts both headers on mail of a rule that allows it, and none on other rules', async () => {
    digestId = await createRule(digest('RMA digest', { category: 'rma-digest', unsubscribe: 'allowed' }));
    const plainId = await createRule(digest('Plain digest', { category: 'rma-other' }));
    await runAndSettle(digestId);
    await runAndSettle(plainId);
    const [allowed, plain] = [sink.messages.find((m) => m.subject?.startsWith('RMA digest'))!, sink.messages.find((m) => m.subject?.startsWith('Plain digest'))!];
    expect(rawHeader(allowed, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(rawHeader(allowed, 'List-Unsubscribe')).toMatch(
      new RegExp(`^<${app.url}/api/email-notifications/unsubscribe/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+>, <mailto:unsubscribe@example\\.com\\?subject=unsubscribe%20[A-Za-z0-9_.-]+>$`),
    );
    expect(rawHeader(plain, 'List-Unsubscribe')).toBeUndefined();
    link = linkOf(allowed);
  });

  it('shows a confirmation page on GET and records nothing', async () => {
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain(`Stop sending &quot;rma-digest&quot; notifications to <strong>${RECIPIENT}</strong>?`);
    expect(html).toMatch(/<form method="post">[\s\S]*<button type="submit">Unsubscribe<\/button>/);
    expect(await app.strapi.db.query(SUPPRESSION).count()).toBe(0);
  });

  it('refuses an altered token with 400 and records nothing', async () => {
    const [base, token] = [link.slice(0, link.lastIndexOf('/') + 1), link.slice(link.lastIndexOf('/') + 1)];
    const [payload, signature] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ a: 'someone-else@example.com', s: 'category:rma-digest' })).toString('base64url');
    for (const bad of [`${forged}.${signature}`, `${payload}.${signature.slice(0, -2)}AA`, payload]) {
      const response = await rawRequest('', 'POST', `${base}${bad}`, { 'List-Unsubscribe': 'One-Click' });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/This unsubscribe link is not valid: it was altered or cut off/);
    }
    const page = await fetch(`${base}${forged}.${signature}`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('This link is not valid');
    expect(await app.strapi.db.query(SUPPRESSION).count()).toBe(0);
  });

  it('records the opt-out on the one-click POST (twice is once)', async () => {
    const oneClick = () => fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    const first = await oneClick();
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ data: { unsubscribed: true, address: RECIPIENT, from: '"rma-digest" notifications' } });
    expect((await oneClick()).status).toBe(200);
    const rows = await app.strapi.db.query(SUPPRESSION).findMany();
    expect(rows).toEqual([expect.objectContaining({ address: RECIPIENT, scope: 'category:rma-digest', kind: 'unsubscribe', until: null })]);
    expect(rows[0].reason).toMatch(/^unsubscribed from "rma-digest" notifications on \d{4}-\d{2}-\d{2}$/);
  });

  it('skips the recipient in the next digest with the reason in the mail log; other categories and critical rules still arrive', async () => {
    await runAndSettle(digestId);
    const sameCategory = await createRule(digest('Second digest', { category: 'rma-digest' }));
    const critical = await createRule(digest('Critical digest', { category: 'rma-digest', unsubscribe: 'critical' }));
    await runAndSettle(sameCategory);
    await runAndSettle(critical);
    expect(sink.messages.map((m) => m.subject)).toEqual(['Critical digest: 1 RMA']);
    expect(rawHeader(sink.messages[0]!, 'List-Unsubscribe')).toBeUndefined();
    const skipped = (await messageRows(app.strapi, { subject: 'RMA digest: 1 RMA' })).at(-1);
    expect(skipped.status).toBe('cancelled');
    const log = await api.request('GET', `/email-notifications/messages/${skipped.documentId}`);
    expect(log.body.data.suppressedRecipients).toEqual([{ address: RECIPIENT, reason: expect.stringMatching(/^unsubscribed from "rma-digest" notifications on \d{4}-/) }]);
  });

  it('lists the holds for admins, refuses bad input naming the field, and releases many at once', async () => {
    const list = await api.request('GET', '/email-notifications/suppressions?q=customer&kind=unsubscribe');
    expect(list.status).toBe(200);
    expect(list.body.data.pagination).toEqual({ page: 1, pageSize: 25, total: 1, pageCount: 1 });
    const [hold] = list.body.data.results;
    expect(hold).toEqual(expect.objectContaining({ address: RECIPIENT, kind: 'unsubscribe', scope: 'category:rma-digest', until: null, since: expect.any(String) }));
    const badQuery = await api.request('GET', '/email-notifications/suppressions?pageSize=1000');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.details.errors[0].path).toEqual(['pageSize']);
    const badBody = await api.request('POST', '/email-notifications/suppressions/release', { ids: [] });
    expect(badBody.status).toBe(400);
    expect(badBody.body.error.details.errors[0].path).toEqual(['ids']);
    const released = await api.request('POST', '/email-notifications/suppressions/release', { ids: [hold.id, 'no-such-hold'] });
    expect(released.body.data).toEqual({ released: 1, missing: ['no-such-hold'] });
    await runAndSettle(digestId);
    expect(sink.messages.map((m) => m.subject)).toEqual(['RMA digest: 1 RMA']);
  });
});
