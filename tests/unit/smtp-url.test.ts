import { parseSmtpUrl } from '../../server/src/core/smtp/smtp-url';
import { parsePluginConfig } from '../../server/src/config/schema';

describe('parseSmtpUrl', () => {
  it.each([
    ['smtp://mail.example.com', { host: 'mail.example.com', port: 587, security: 'starttls', authType: 'none' }],
    ['smtps://user%40example.com:p%40ss@mail.example.com', { port: 465, security: 'ssl', authType: 'login', authUser: 'user@example.com', password: 'p@ss', fromAddress: 'user@example.com' }],
    ['smtp://relay.local:25?from=helpdesk@example.com&name=Helpdesk', { port: 25, security: 'none', fromAddress: 'helpdesk@example.com', displayName: 'Helpdesk' }],
    ['smtp://127.0.0.1:2525?security=none&tlsRejectUnauthorized=false', { port: 2525, security: 'none', tlsRejectUnauthorized: false }],
  ])('%s', (url, expected) => {
    expect(parseSmtpUrl(url)).toEqual(expect.objectContaining(expected));
  });

  it.each([
    ['not a url', /not a valid URL/],
    ['http://example.com', /scheme "http"/],
    ['smtp://h?security=tls', /security=tls/],
  ])('refuses %s', (url, message) => {
    expect(() => parseSmtpUrl(url)).toThrow(message);
  });
});

describe('plugin options', () => {
  it('applies defaults', () => {
    expect(parsePluginConfig({}).smtpTimeouts).toEqual({ connectionTimeoutMs: 15000, greetingTimeoutMs: 15000, socketTimeoutMs: 60000 });
    expect(parsePluginConfig({}).delivery).toMatchObject({ leaseMs: 60_000, heartbeatIntervalMs: 10_000 });
    expect(parsePluginConfig({ delivery: { leaseMs: 3000, heartbeatIntervalMs: 1000 } }).delivery.leaseMs).toBe(3000);
  });

  it.each([
    [{ defaultMailbox: 'ftp://x' }, /defaultMailbox: .*scheme "ftp"/],
    [{ defaultMailbox: 'smtp://relay.local' }, /defaultMailbox\.fromAddress: is required \(add \?from=/],
    [{ defaultMailbox: { host: 'h', fromAddress: 'x@example.com', port: 0 } }, /defaultMailbox\.port: must be at least 1/],
    [{ encryptionKey: 'short' }, /encryptionKey: must be at least 32 characters/],
    [{ smtpTimeouts: { connectionTimeoutMs: 10 } }, /smtpTimeouts\.connectionTimeoutMs: must be at least 1000/],
    [{ unknownOption: true }, /unknown field\(s\) "unknownOption"/],
    [{ delivery: { heartbeatIntervalMs: 30_000 } }, /delivery\.leaseMs: must be at least 3 × delivery\.heartbeatIntervalMs \(90000\)/],
    [{ delivery: { leaseMs: 2999, heartbeatIntervalMs: 1000 } }, /delivery\.leaseMs: must be at least 3 × delivery\.heartbeatIntervalMs \(3000\)/],
  ])('refuses %j with the path and the fix', (options, message) => {
    expect(() => parsePluginConfig(options)).toThrow(message);
  });
});
