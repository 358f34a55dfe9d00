import { mailboxCreateSchema, mailboxUpdateSchema, authProblems, changesTokenBasis } from '../../server/src/core/mailboxes/mailbox-input';
import { parseInput } from '../../server/src/core/parse-input';
import { InputError } from '../../server/src/core/errors';

const valid = { name: 'Support', fromAddress: 'support@example.com', host: 'smtp.example.com' };

function problemsOf(schema: typeof mailboxCreateSchema | typeof mailboxUpdateSchema, body: unknown) {
  try {
    parseInput(schema, body);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).problems;
  }
  return [];
}

describe('mailbox input validation', () => {
  it('accepts a minimal mailbox', () => {
    expect(problemsOf(mailboxCreateSchema, valid)).toEqual([]);
  });

  it.each([
    ['invalid from address', { fromAddress: 'not-an-address' }, 'fromAddress', /valid email address/],
    ['port out of range', { port: 70000 }, 'port', /at most 65535/],
    ['port not a number', { port: '587' }, 'port', /must be a number/],
    ['CRLF in the name', { name: 'Support\r\nBcc: victim@example.com' }, 'name', /line breaks/],
    ['CRLF in the display name', { displayName: 'Help\ndesk' }, 'displayName', /line breaks/],
    ['CRLF in the subject prefix', { subjectPrefix: 'RMA#\r\n' }, 'subjectPrefix', /line breaks/],
    ['a host with a scheme', { host: 'smtp://smtp.example.com' }, 'host', /host name like/],
    ['unknown security', { security: 'tls' }, 'security', /one of "none", "ssl", "starttls"/],
    ['an unknown field', { colour: 'blue' }, '', /unknown field\(s\) "colour"/],
    ['a catastrophic exclude expression', { excludeExpression: '^(a+)+$' }, 'excludeExpression', /backtrack catastrophically/],
    ['an invalid exclude expression', { excludeExpression: '(' }, 'excludeExpression', /not a valid regular expression/],
    ['login without a user', { authType: 'login' }, 'authUser', /required when authType is "login"/],
  ])('refuses %s, naming the field', (_name, patch, path, message) => {
    const problems = problemsOf(mailboxCreateSchema, { ...valid, ...patch });
    expect(problems).toEqual(expect.arrayContaining([expect.objectContaining({ path, message: expect.stringMatching(message) })]));
  });

  it('requires name, from address and host on create', () => {
    const paths = problemsOf(mailboxCreateSchema, {}).map((p) => p.path).sort();
    expect(paths).toEqual(['fromAddress', 'host', 'name']);
  });

  it('allows a partial update and a null secret (clear)', () => {
    expect(problemsOf(mailboxUpdateSchema, { port: 465, password: null })).toEqual([]);
  });

  it('needs a client id for OAuth2, and a token URL for a custom provider; the refresh token may come from Sign in', () => {
    const oauth = { authType: 'oauth2' as const, authUser: 'a@example.com', oauthClientId: 'id' };
    expect(authProblems({ ...oauth, oauthProvider: 'microsoft' })).toEqual([]);
    expect(authProblems({ ...oauth, oauthClientId: '', oauthProvider: 'google' }).map((p) => p.path)).toEqual(['oauthClientId']);
    expect(authProblems({ ...oauth, oauthProvider: 'custom' }).map((p) => p.path)).toEqual(['oauthAccessUrl']);
    expect(authProblems({ ...oauth, oauthProvider: 'custom', oauthAccessUrl: 'https://id.example.com/token' })).toEqual([]);
  });

  it.each([
    [{ port: 465 }, false],
    [{ oauthClientId: 'same' }, false],
    [{ oauthClientId: 'other' }, true],
    [{ authUser: 'someone@example.com' }, true],
    [{ oauthRefreshToken: 'pasted' }, true],
    [{ oauthClientSecret: null }, true],
  ])('an update %j makes the stored access token useless: %s', (input, changes) => {
    expect(changesTokenBasis(input, { oauthClientId: 'same', authUser: 'mailer@example.com' })).toBe(changes);
  });

  it.each([
    ['oauthAccessUrl', 'javascript:alert(1)'],
    ['oauthAuthorizeUrl', 'ftp://example.com/authorize'],
    ['oauthTenant', 'contoso tenant'],
    ['oauthProvider', 'yahoo'],
  ])('refuses %s = %j naming the field', (field, value) => {
    expect(problemsOf(mailboxUpdateSchema, { [field]: value }).map((p) => p.path)).toEqual([field]);
  });
});
