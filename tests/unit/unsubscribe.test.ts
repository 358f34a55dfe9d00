/*
 * One-click unsubscribe: signed tokens (verify, refuse altered or foreign ones, survive a key rotation),
 * what an opt-out covers and stops, the reason text, the public base URL and the two headers.
 */
import { holdApplies, optOutReason, optOutScope, publicBaseUrl, unsubscribeHeaders } from '../../server/src/core/rules/unsubscribe';
import { applyFloodGuards } from '../../server/src/core/rules/flood-guard';
import { createUnsubscribeTokens } from '../../server/src/secrets/unsubscribe-token';

const KEY = 'unit-test-encryption-key-0123456789abcdef';

describe('unsubscribe tokens', () => {
  const tokens = createUnsubscribeTokens(KEY);
  const token = tokens.sign({ address: 'Customer@Example.com', scope: 'category:rma' });

  it('name the address (lower case) and the scope', () => {
    expect(tokens.verify(token)).toEqual({ address: 'customer@example.com', scope: 'category:rma' });
  });

  it.each([
    ['another address in the payload', () => `${Buffer.from(JSON.stringify({ a: 'x@example.com', s: 'category:rma' })).toString('base64url')}.${token.split('.')[1]}`],
    ['a changed signature', () => `${token.split('.')[0]}.${'A'.repeat(22)}`],
    ['no signature', () => token.split('.')[0]!],
    ['a third part', () => `${token}.x`],
    ['a token of another key', () => createUnsubscribeTokens('another-key-0123456789abcdef-0123456789').sign({ address: 'customer@example.com', scope: 'category:rma' })],
    ['empty text', () => ''],
  ])('refuse %s', (_name, make) => {
    expect(tokens.verify(make())).toBeNull();
  });

  it('still verify after the key was rotated (the old key listed as previous)', () => {
    expect(createUnsubscribeTokens('the-new-key-0123456789abcdef-0123456789', [KEY]).verify(token)).toEqual({ address: 'customer@example.com', scope: 'category:rma' });
  });
});

describe('what an opt-out covers', () => {
  const rule = (category: string, unsubscribe?: 'allowed' | 'critical') => ({ id: 'r1', category, unsubscribe });

  it('is the category, or the rule itself in the default category', () => {
    expect(optOutScope(rule('rma'))).toBe('category:rma');
    expect(optOutScope(rule('general'))).toBe('rule:r1');
  });

  it.each([
    ['*', rule('rma', 'critical'), true],
    ['category:rma', rule('rma', 'allowed'), true],
    ['category:rma', rule('rma'), true],
    ['category:rma', rule('rma', 'critical'), false],
    ['category:rma', rule('tickets', 'allowed'), false],
    ['rule:r1', rule('general', 'allowed'), true],
  ])('a hold of scope %s stops %j: %s', (scope, r, expected) => {
    expect(holdApplies(scope, r)).toBe(expected);
  });

  it('drops an opted-out recipient with the reason, after bounces and before caps', () => {
    const reason = optOutReason('"rma" notifications', new Date('2026-12-01T10:00:00Z'));
    expect(reason).toBe('unsubscribed from "rma" notifications on 2026-12-01');
    const guarded = applyFloodGuards(
      { to: [{ address: 'a@example.com' }, { address: 'b@example.com' }], cc: [], bcc: [] },
      { ownAddresses: new Set(), blacklist: [], suppressed: new Map(), optedOut: new Map([['a@example.com', reason]]), recentCounts: new Map(), caps: [], duplicateOf: new Set(), now: new Date() },
    );
    expect(guarded.to).toEqual([{ address: 'b@example.com' }]);
    expect(guarded.suppressed).toEqual([{ address: 'a@example.com', reason }]);
  });
});

describe('links and headers', () => {
  it.each([
    ['https://cms.example.com/', 'http://127.0.0.1:1337', 'https://cms.example.com'],
    [undefined, 'https://site.example.com', 'https://site.example.com'],
    [undefined, '', null],
    [undefined, '/relative', null],
  ])('public base from option %j and server.url %j is %j', (option, server, expected) => {
    expect(publicBaseUrl(option, server)).toBe(expected);
  });

  it('List-Unsubscribe has the URL, then the mailto with the token; List-Unsubscribe-Post is the one-click', () => {
    expect(unsubscribeHeaders({ url: 'https://cms.example.com/api/email-notifications/unsubscribe/t.s', token: 't.s', mailto: 'unsubscribe@example.com' })).toEqual({
      'List-Unsubscribe': '<https://cms.example.com/api/email-notifications/unsubscribe/t.s>, <mailto:unsubscribe@example.com?subject=unsubscribe%20t.s>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribeHeaders({ url: 'https://x.example/u/t', token: 't' })['List-Unsubscribe']).toBe('<https://x.example/u/t>');
  });
});
