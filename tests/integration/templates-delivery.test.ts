/*
 * Templates through the real pipeline: send({ template, record }) renders, queues and delivers a
 * message with an HTML and a text part to a real SMTP server; markup typed into a record arrives
 * escaped; the master layout wraps it; an unknown template or an oversized render is refused.
 */
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { adminApi, type AdminApi } from '../helpers/admin-api';
import { FAST_DELIVERY, pluginConfigEnv, sinkUrl } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';

let app: Playground;
let sink: SmtpSink;
let api: AdminApi;
let notifications: any;

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startPlayground({
    env: { EMAIL_NOTIFICATIONS_SMTP_URL: sinkUrl(sink.port), ...pluginConfigEnv({ ...FAST_DELIVERY, site: { name: 'Acme Support', timezone: 'Europe/Berlin' } }) },
  });
  api = await adminApi(app.url);
  notifications = app.strapi.plugin('email-notifications').service('notifications');
  const created = await api.request('POST', '/email-notifications/templates', {
    name: 'rma-update',
    category: 'record',
    contentType: 'api::rma.rma',
    subject: 'RMA {{record.number}} for {{record.customer.name}}',
    mjml: `<mj-section><mj-column>
  <mj-text><p>Dear {{record.customer.name}},</p><p>Notes: {{record.notes}}</p><p>Received {{record.receivedAt}}</p></mj-text>
  <mj-button href="{{record.adminUrl}}">Open</mj-button>
</mj-column></mj-section>`,
  });
  expect(created.status).toBe(201);
});
afterAll(async () => {
  await app?.stop();
  await sink?.close();
});
beforeEach(() => sink.clear());

describe('templates in delivery', () => {
  it('delivers a rendered template with HTML and text parts, the record escaped, inside the master layout', async () => {
    const customer = await app.strapi.documents('api::customer.customer').create({ data: { name: 'Mallory <img src=x onerror=alert(1)>', email: 'mallory@example.com' } });
    const rma = await app.strapi.documents('api::rma.rma').create({
      data: { number: 'RMA-7', customer: customer.documentId, notes: '<script>steal()</script> & more', receivedAt: '2026-11-25T07:00:00.000Z', internalNotes: 'TOP SECRET' },
    });
    const result = await notifications.send({ to: 'mallory@example.com', template: 'rma-update', record: { contentType: 'api::rma.rma', documentId: rma.documentId } });
    expect(result.created).toBe(true);
    const [mail] = await sink.waitForMessages(1);

    expect(mail!.subject).toBe('RMA RMA-7 for Mallory <img src=x onerror=alert(1)>');
    expect(mail!.html).toContain('Dear Mallory &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;,');
    expect(mail!.html).toContain('&lt;script&gt;steal()&lt;/script&gt; &amp; more');
    expect(mail!.html).not.toMatch(/<script>|<img src=x/);
    expect(mail!.html).toContain('Acme Support'); // the master layout's header
    expect(mail!.html).toContain('This is an automatic notification.'); // and its footer
    expect(mail!.html).toMatch(/<html[^>]* lang="en"/); // the template's locale
    // The text part is derived from the HTML, with the values as typed.
    expect(mail!.text).toContain('Dear Mallory <img src=x onerror=alert(1)>,');
    expect(mail!.text).toContain('Notes: <script>steal()</script> & more');
    expect(mail!.text).toContain('Received Nov 25, 2026, 8:00 AM'); // 07:00 UTC in Europe/Berlin, locale en
    expect(mail!.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(mail!.raw).not.toContain('TOP SECRET');
  });

  it('uses the explicit subject of the call over the template\'s, and data for extra variables', async () => {
    await api.request('POST', '/email-notifications/templates', {
      name: 'welcome',
      category: 'event',
      subject: 'Welcome {{payload.name}}',
      mjml: '<mj-section><mj-column><mj-text>Hello {{payload.name}} from {{site.name}}</mj-text></mj-column></mj-section>',
      text: 'Hello {{payload.name}} from {{site.name}}',
    });
    await notifications.send({ to: 'new@example.com', template: 'welcome', data: { payload: { name: 'Zoë' } } });
    await notifications.send({ to: 'new2@example.com', subject: 'Custom subject', template: 'welcome', data: { payload: { name: 'Ann' } } });
    const mails = await sink.waitForMessages(2);
    const bySubject = Object.fromEntries(mails.map((m) => [m.subject, m]));
    expect(bySubject['Welcome Zoë']!.text!.trim()).toBe('Hello Zoë from Acme Support');
    expect(bySubject['Custom subject']!.text!.trim()).toBe('Hello Ann from Acme Support');
  });

  it('refuses an unknown template before queueing anything', async () => {
    await expect(notifications.send({ to: 'x@example.com', template: 'nope' })).rejects.toMatchObject({ problems: [{ path: 'template', message: 'there is no template named "nope"' }] });
    await expect(notifications.send({ to: 'x@example.com' })).rejects.toMatchObject({ problems: expect.arrayContaining([{ path: 'subject', message: 'is required (or give a template)' }]) });
  });

  it('refuses a message whose render exceeds the size limit', async () => {
    const huge = 'x'.repeat(150_000);
    await expect(notifications.send({ to: 'x@example.com', template: 'welcome', data: { payload: { name: huge } } })).rejects.toMatchObject({ code: 'MESSAGE_TOO_LARGE' });
  });
});
