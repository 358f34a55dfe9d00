/*
 * The pure OAuth2 decisions: each provider's endpoints and scopes (and a mailbox's own overriding
 * them), what a token endpoint's answer means, when a token is due, when an SMTP refusal is worth a
 * refresh, and that an XOAUTH2 login never reaches a transcript in a readable or encoded form.
 */
import { resolveEndpoints } from '../../server/src/core/oauth/providers';
import { interpretTokenResponse, isRefusedAccessToken, needsRefresh, REVOKED_MESSAGE } from '../../server/src/core/oauth/token-response';
import { createTranscript } from '../../server/src/core/smtp/transcript';
import { classifyFailure } from '../../server/src/core/delivery/classify-error';
import { isConnectionFailure } from '../../server/src/core/routing/circuit-breaker';
import { TokenError } from '../../server/src/oauth/token-endpoint';

const NOW = new Date('2026-12-01T10:00:00Z');
const blank = { oauthTenant: '', oauthAccessUrl: '', oauthAuthorizeUrl: '', oauthScope: '' };

describe('provider endpoints', () => {
  it.each([
    ['microsoft', {}, 'https://login.microsoftonline.com/organizations/oauth2/v2.0/token', 'https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize', 'https://outlook.office.com/SMTP.Send offline_access'],
    ['microsoft', { oauthTenant: 'contoso.onmicrosoft.com' }, 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token', 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize', 'https://outlook.office.com/SMTP.Send offline_access'],
    ['google', {}, 'https://oauth2.googleapis.com/token', 'https://accounts.google.com/o/oauth2/v2/auth', 'https://mail.google.com/'],
    ['google', { oauthAccessUrl: 'http://127.0.0.1:9/token', oauthScope: 'a b' }, 'http://127.0.0.1:9/token', 'https://accounts.google.com/o/oauth2/v2/auth', 'a b'],
    ['custom', {}, null, null, ''],
  ] as const)('%s %j', (provider, overrides, tokenUrl, authorizeUrl, scope) => {
    expect(resolveEndpoints({ ...blank, ...overrides, oauthProvider: provider })).toMatchObject({ tokenUrl, authorizeUrl, scope });
  });

  it('asks Google for offline access with consent, so it hands out a refresh token', () => {
    expect(resolveEndpoints({ ...blank, oauthProvider: 'google' }).authorizeParams).toEqual({ access_type: 'offline', prompt: 'consent' });
  });
});

describe('token endpoint answers', () => {
  it('reads tokens, their expiry and a rotated refresh token', () => {
    expect(interpretTokenResponse(200, { access_token: 'at', expires_in: 3599, refresh_token: 'rt2' }, NOW)).toEqual({
      ok: true,
      tokens: { accessToken: 'at', expiresAt: new Date(NOW.getTime() + 3599_000), refreshToken: 'rt2' },
    });
    expect(interpretTokenResponse(200, { access_token: 'at' }, NOW)).toMatchObject({ ok: true, tokens: { expiresAt: new Date(NOW.getTime() + 3600_000), refreshToken: null } });
  });

  it.each([
    [400, { error: 'invalid_grant' }, 'revoked', REVOKED_MESSAGE],
    [401, { error: 'invalid_client' }, 'refused', /client id or client secret was refused/],
    [400, { error: 'invalid_scope' }, 'refused', /SMTP\.Send/],
    [400, { error: 'something_new' }, 'refused', /something_new/],
    [500, { error: 'server_error' }, 'transient', /HTTP 500/],
    [503, null, 'transient', /HTTP 503/],
    [429, { error: 'slow_down' }, 'transient', /HTTP 429/],
    [404, null, 'transient', /HTTP 404/],
    [200, { token_type: 'Bearer' }, 'refused', /without an access token/],
  ] as const)('HTTP %s %j is %s', (status, body, kind, message) => {
    const answer = interpretTokenResponse(status, body, NOW);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.failure.kind).toBe(kind);
    expect(answer.failure.message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
  });

  it.each([
    [null, true],
    [new Date(NOW.getTime() + 5 * 60_000), true],
    [new Date(NOW.getTime() + 5 * 60_000 + 1), false],
  ])('a token expiring at %s needs a refresh: %s', (expiresAt, due) => {
    expect(needsRefresh(expiresAt, NOW, 5 * 60_000)).toBe(due);
  });

  it.each([
    [{ code: 'EAUTH', command: 'AUTH XOAUTH2', responseCode: 535 }, true],
    [{ code: 'EAUTH', command: 'AUTH XOAUTH2', responseCode: 534 }, true],
    [{ code: 'EAUTH', command: 'AUTH PLAIN', responseCode: 535 }, false],
    [{ code: 'ECONNECTION', command: 'CONN' }, false],
    [{ code: 'EOAUTH2', command: 'AUTH XOAUTH2' }, false],
  ])('%j is a refused access token: %s', (error, refused) => {
    expect(isRefusedAccessToken(error)).toBe(refused);
  });
});

describe('a failed token request as a delivery failure', () => {
  it.each([
    ['revoked', 'mailbox', false],
    ['refused', 'mailbox', false],
    ['transient', 'transient', true],
  ] as const)('%s consent or endpoint: a %s failure (connection failure: %s)', (kind, expected, connection) => {
    const error = new TokenError({ kind, message: 'explained' });
    const fields = { code: error.code, command: error.command, responseCode: null, message: error.message };
    expect(classifyFailure(fields)).toBe(expected);
    expect(isConnectionFailure(fields)).toBe(connection);
  });
});

describe('XOAUTH2 in transcripts', () => {
  it('masks the AUTH XOAUTH2 line, whose token is base64-encoded with the user', () => {
    const token = 'ya29.a0AfH6SMBx-secret-access-token-value';
    const transcript = createTranscript([token]);
    const encoded = Buffer.from(`user=mailer@example.com\x01auth=Bearer ${token}\x01\x01`).toString('base64');
    transcript.logger.debug({ tnx: 'client' }, `AUTH XOAUTH2 ${encoded}`);
    transcript.logger.debug({ tnx: 'server' }, '235 2.7.0 Accepted');
    transcript.logger.debug({ tnx: 'smtp' }, `token ${token} and ${Buffer.from(token).toString('base64')}`);
    const text = transcript.lines().join('\n');
    expect(transcript.lines()[0]).toBe('C: AUTH XOAUTH2 ********');
    expect(text).not.toContain(encoded);
    expect(text).not.toContain(token);
    expect(text).not.toContain(Buffer.from(token).toString('base64'));
  });
});
