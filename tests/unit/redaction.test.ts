import { createTranscript } from '../../server/src/core/smtp/transcript';
import { redactSecrets, MASK } from '../../server/src/core/smtp/redact';
import { toTransportOptions } from '../../server/src/core/smtp/transport-options';
import { createSecretBox } from '../../server/src/secrets/secret-box';

describe('secrets never reach a transcript', () => {
  it('masks raw, URL-encoded and base64 forms', () => {
    const secret = 'S3cret/pass+word';
    const text = `pass=${secret} enc=${encodeURIComponent(secret)} b64=${Buffer.from(secret).toString('base64')}`;
    const out = redactSecrets(text, [secret]);
    expect(out).not.toContain(secret);
    expect(out).not.toContain(Buffer.from(secret).toString('base64'));
    expect(out.split(MASK)).toHaveLength(4);
  });

  it('masks AUTH lines and formats client/server prefixes', () => {
    const transcript = createTranscript(['hunter22']);
    transcript.logger.debug({ tnx: 'client' }, 'AUTH PLAIN AGFkYQBodW50ZXIyMg==');
    transcript.logger.debug({ tnx: 'server' }, '235 Authentication successful');
    transcript.logger.info({ tnx: 'network' }, 'Connection established to %s:%s', '127.0.0.1', 25);
    expect(transcript.lines()).toEqual([`C: AUTH PLAIN ${MASK}`, 'S: 235 Authentication successful', '* Connection established to 127.0.0.1:25']);
  });

  it('keeps the headers of the message but not its body', () => {
    const transcript = createTranscript([]);
    transcript.logger.debug({ tnx: 'message' }, 'Subject: Reset your password\r\nTo: a@example.com\r\n\r\nYour code is 123456');
    transcript.logger.debug({ tnx: 'message' }, 'more body text');
    transcript.logger.info({ tnx: 'message', inByteCount: 10, outByteCount: 12 }, '<%s bytes encoded mime message (source size %s bytes)>', 12, 10);
    expect(transcript.lines()).toEqual(['M: Subject: Reset your password', 'M: To: a@example.com', '* <12 bytes encoded mime message (source size 10 bytes)>']);
  });
});

describe('transport options', () => {
  const base = {
    host: 'smtp.example.com', port: 587, security: 'starttls' as const, tlsRejectUnauthorized: true, authType: 'login' as const,
    authUser: 'u', password: 'p', oauthProvider: 'microsoft' as const, oauthTenant: '', oauthClientId: '', oauthClientSecret: null,
    oauthRefreshToken: null, oauthAccessUrl: '', oauthScope: '',
  };
  it.each([
    ['starttls', { secure: false, requireTLS: true, ignoreTLS: false }],
    ['ssl', { secure: true, requireTLS: false, ignoreTLS: false }],
    ['none', { secure: false, requireTLS: false, ignoreTLS: true }],
  ] as const)('security %s', (security, expected) => {
    expect(toTransportOptions({ ...base, security })).toEqual(expect.objectContaining(expected));
  });
  it('builds XOAUTH2 auth from the access token alone, so nodemailer never refreshes on its own', () => {
    const options = toTransportOptions({ ...base, authType: 'oauth2', oauthClientId: 'cid', oauthRefreshToken: 'rt', oauthClientSecret: 'cs', oauthAccessToken: 'at' });
    expect(options.auth).toEqual({ type: 'OAuth2', user: 'u', accessToken: 'at' });
  });
});

describe('secret box', () => {
  const box = createSecretBox('a-test-key-that-is-long-enough-123456');
  it('round-trips and never stores the plain text', () => {
    const stored = box.encrypt('hunter22');
    expect(stored).toMatch(/^enc:v1:[0-9a-f]{8}:/);
    expect(stored).not.toContain('hunter22');
    expect(box.decrypt(stored)).toBe('hunter22');
    expect(box.encrypt('hunter22')).not.toBe(stored);
  });
  it('reports a changed key and tampering clearly', () => {
    const stored = box.encrypt('hunter22');
    expect(() => createSecretBox('another-key-that-is-long-enough-1234').decrypt(stored)).toThrow(/does not know \(the encryption key changed\)/);
    const tampered = stored.slice(0, -2) + (stored.endsWith('A') ? 'BB' : 'AA');
    expect(() => box.decrypt(tampered)).toThrow(/integrity check|re-enter/);
  });
  it('refuses to work without a key', () => {
    expect(() => createSecretBox(undefined)).toThrow(/ENCRYPTION_KEY/);
  });
});
