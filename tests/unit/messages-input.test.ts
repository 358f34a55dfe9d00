import { dedupeRecipients, parseAddressList } from '../../server/src/core/delivery/addresses';
import { maskSecrets } from '../../server/src/core/delivery/mask-secrets';
import { normaliseSendInput } from '../../server/src/core/delivery/send-input';
import { mailLogQuerySchema, mailLogWhere } from '../../server/src/core/outbox/mail-log-query';
import { applyExcludeExpression } from '../../server/src/core/delivery/recipient-policy';

describe('addresses', () => {
  it.each([
    ['a@Example.COM', [{ address: 'a@example.com' }]],
    ['Ada Lovelace <ada@example.com>', [{ name: 'Ada Lovelace', address: 'ada@example.com' }]],
    ['"Hopper, Grace" <grace@example.org>, kenji@example.jp', [{ name: 'Hopper, Grace', address: 'grace@example.org' }, { address: 'kenji@example.jp' }]],
    [[{ name: 'Ops', address: 'ops@example.com' }, 'b@example.com'], [{ name: 'Ops', address: 'ops@example.com' }, { address: 'b@example.com' }]],
  ])('parses %j', (input, expected) => {
    expect(parseAddressList(input as never)).toEqual({ addresses: expected, invalid: [] });
  });

  it('reports invalid entries', () => {
    expect(parseAddressList(['ok@example.com', 'nope', 'x@y@z']).invalid).toEqual(['nope', 'x@y@z']);
  });

  it('de-duplicates across to, cc and bcc, keeping the first place', () => {
    const lists = { to: [{ address: 'a@example.com' }], cc: [{ address: 'A@example.com' }, { address: 'b@example.com' }], bcc: [{ address: 'b@example.com' }] };
    expect(dedupeRecipients(lists)).toEqual({ to: [{ address: 'a@example.com' }], cc: [{ address: 'b@example.com' }], bcc: [] });
  });
});

describe('send input', () => {
  it('normalises and adds the automatic headers', () => {
    const message = normaliseSendInput({ to: 'A <a@example.com>', bcc: ['a@example.com', 'c@example.com'], subject: 'Hi', text: 'x', headers: { 'X-Ticket': '42' } });
    expect(message.to).toEqual([{ name: 'A', address: 'a@example.com' }]);
    expect(message.bcc).toEqual([{ address: 'c@example.com' }]);
    expect(message.headers).toEqual({ 'X-Ticket': '42', 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' });
    expect(message.originType).toBe('api');
  });

  it.each([
    [{ to: [], subject: 's', text: 't' }, 'to', /at least one recipient/],
    [{ to: 'a@example.com', subject: '', text: 't' }, 'subject', /must not be empty/],
    [{ to: 'a@example.com', subject: 's', text: 't', replyTo: 'nope' }, 'replyTo', /valid email/],
    [{ to: 'a@example.com', subject: 's', text: 't', headers: { 'Bad Header': 'x' } }, 'headers.Bad Header', /valid header name/],
    [{ to: 'a@example.com', subject: 's', text: 't', headers: { 'X-A': 'x\r\nBcc: y@example.com' } }, 'headers.X-A', /line breaks/],
    [{ to: 'a@example.com', subject: 's', text: 't', priority: 'high' }, '', /unknown field\(s\) "priority"/],
  ])('refuses %j', (input, path, message) => {
    expect(() => normaliseSendInput(input)).toThrow(expect.objectContaining({ problems: expect.arrayContaining([expect.objectContaining({ path, message: expect.stringMatching(message) })]) }));
  });
});

describe('maskSecrets', () => {
  it.each([
    ['https://x.example.com/admin/auth/reset-password?code=abc123def456', 'https://x.example.com/admin/auth/reset-password?code=********'],
    ['/api/auth/email-confirmation?confirmation=4f5e6d7c8b9a', '/api/auth/email-confirmation?confirmation=********'],
    ['<a href="https://x/?a=1&amp;token=zzz999">', '<a href="https://x/?a=1&amp;token=********">'],
    ['/admin/auth/register?registrationToken=0a1b2c3d4e5f6a7b8c9d', '/admin/auth/register?registrationToken=********'],
    ['Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'Bearer ********'],
    ['token: 3b9f2c1d8e7a6f5b4c3d2e1f0a9b8c7d6e5f4a3b', 'token: ********'],
    ['RMA-1001 is authorised', 'RMA-1001 is authorised'],
    ['https://helpdesk.example.com/rma/42?tab=history', 'https://helpdesk.example.com/rma/42?tab=history'],
  ])('%s', (input, expected) => {
    expect(maskSecrets(input)).toBe(expected);
    expect(maskSecrets(maskSecrets(input))).toBe(expected);
  });
});

describe('mail log query', () => {
  it('turns tabs and filters into a where clause', () => {
    const query = mailLogQuerySchema.parse({ status: 'failed,cancelled', recipient: 'ADA@', since: '2026-11-01', page: '2' });
    expect(query.page).toBe(2);
    expect(mailLogWhere(query)).toEqual({
      $and: [{ status: { $in: ['failed', 'cancelled'] } }, { recipientsText: { $containsi: 'ada@' } }, { createdAt: { $gte: new Date('2026-11-01') } }],
    });
  });
  it('refuses unknown statuses and parameters', () => {
    expect(mailLogQuerySchema.safeParse({ status: 'lost' }).success).toBe(false);
    expect(mailLogQuerySchema.safeParse({ sort: 'x' }).success).toBe(false);
  });
});

describe('exclude expression on recipients', () => {
  it('removes matching recipients and says why', () => {
    const result = applyExcludeExpression({ to: [{ address: 'a@example.com' }], cc: [{ address: 'bot@noreply.example.com' }], bcc: [] }, 'noreply\\.', 'Main');
    expect(result.cc).toEqual([]);
    expect(result.blocked).toEqual([{ address: 'bot@noreply.example.com', reason: 'matches the exclude expression of mailbox "Main"' }]);
  });
});

describe('subject prefix', () => {
  const { renderSubjectPrefix, applySubjectPrefix } = require('../../server/src/core/delivery/subject-prefix');
  it.each([
    ['RMA#', null, 'RMA#'],
    ['RMA#{{number}}', { number: 'RMA-7' }, 'RMA#RMA-7'],
    ['{{ customer.name }}:', { customer: { name: 'Ada' } }, 'Ada:'],
    ['RMA#{{number}}', null, ''],
    ['RMA#{{missing}}', { number: 'x' }, ''],
    ['#{{id}}', { id: 'a\r\nBcc: x' }, '#a Bcc: x'],
  ])('%s with %j gives %j', (prefix, record, expected) => {
    expect(renderSubjectPrefix(prefix, record)).toBe(expected);
  });
  it('is not added twice', () => {
    expect(applySubjectPrefix('RMA#7 Stage changed', 'RMA#7')).toBe('RMA#7 Stage changed');
    expect(applySubjectPrefix('Stage changed', '')).toBe('Stage changed');
  });
});
