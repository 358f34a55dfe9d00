import { explainSmtpFailure, type SmtpFailure } from '../../server/src/core/smtp/explain-failure';

const settings = { host: 'smtp.example.com', port: 587, security: 'starttls' as const, authType: 'login' as const };

describe('explainSmtpFailure names the field most likely at fault', () => {
  it.each<[string, SmtpFailure, Partial<typeof settings>, string | null, RegExp]>([
    ['unknown host', { code: 'EDNS', message: 'getaddrinfo ENOTFOUND smtp.exmple.com' }, {}, 'host', /could not be found/],
    ['closed port', { code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:2526' }, {}, 'port', /Nothing accepted a connection/],
    ['self-signed certificate', { code: 'ESOCKET', message: 'self-signed certificate' }, {}, 'tlsRejectUnauthorized', /not trusted/],
    ['SSL against a plain port', { code: 'ESOCKET', message: 'ssl3_get_record:wrong version number' }, { security: 'ssl' as never }, 'security', /plain SMTP/],
    ['STARTTLS not offered', { code: 'ETLS', message: 'Server does not support STARTTLS' }, {}, 'security', /does not offer it/],
    ['plain against 465', { code: 'ETIMEDOUT', message: 'Greeting never received' }, { port: 465, security: 'none' as never }, 'security', /expects SSL/],
    ['timeout', { code: 'ETIMEDOUT', message: 'Connection timeout' }, {}, 'port', /No answer/],
    ['bad password', { code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN', message: 'Invalid login: 535 5.7.8 Authentication credentials invalid' }, {}, 'password', /refused the user name or password/],
    ['app password required', { code: 'EPROTOCOL', responseCode: 534, command: 'MAIL FROM', message: '534 5.7.9 Application-specific password required' }, {}, 'password', /app password/],
    ['missing password', { code: 'EAUTH', command: 'API', message: 'Missing credentials for "PLAIN"' }, {}, 'password', /no password/],
    ['sender refused', { code: 'EENVELOPE', responseCode: 553, command: 'MAIL FROM', message: '553 Sender address rejected' }, {}, 'fromAddress', /refused the sender/],
    ['recipient refused', { code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', message: '550 User unknown' }, {}, 'to', /refused the recipient/],
    ['relay denied without auth', { code: 'EENVELOPE', responseCode: 554, command: 'RCPT TO', message: '554 Relay access denied' }, { authType: 'none' as never }, 'authType', /relay/],
    ['content rejected', { code: 'EMESSAGE', responseCode: 554, command: 'DATA', message: '554 Message rejected' }, {}, null, /message content/],
    ['temporary failure', { code: 'EPROTOCOL', responseCode: 451, command: 'DATA END', message: '451 Try later' }, {}, null, /temporary failure/],
    ['anything else', { message: 'Something odd' }, {}, null, /Something odd/],
  ])('%s', (_name, failure, overrides, field, explanation) => {
    const result = explainSmtpFailure(failure, { ...settings, ...overrides });
    expect(result.field).toBe(field);
    expect(result.explanation).toMatch(explanation);
  });
});
