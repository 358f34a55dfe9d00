import type { FloodGuardInput } from '../../server/src/core/rules/flood-guard';
import { DEFAULT_BLACKLIST, DEFAULT_CAPS, applyFloodGuards, fnv1a64, matchesBlacklistEntry, messageFingerprint } from '../../server/src/core/rules/flood-guard';

const NOW = new Date('2026-11-25T08:00:00Z');
const none = (): FloodGuardInput => ({
  ownAddresses: new Set(),
  blacklist: [],
  suppressed: new Map(),
  recentCounts: new Map(),
  caps: DEFAULT_CAPS,
  duplicateOf: new Set(),
  now: NOW,
});

describe('blacklist entries', () => {
  it.each([
    ['mailer-daemon@mx.example.com', 'mailer-daemon@*', true],
    ['MAILER-DAEMON@mx.example.com', 'mailer-daemon@*', true],
    ['postmaster@example.com', 'postmaster@*', true],
    ['bounces+123@lists.example.com', 'bounce*@*', true],
    ['team-bounces@lists.example.com', '*-bounces@*', true],
    ['info-no-reply@shop.example', '*no-reply*', true],
    ['reply@shop.example', '*no-reply*', false],
    ['ada@spam.example', '@spam.example', true],
    ['ada@spam.example', 'spam.example', true],
    ['ada@notspam.example', 'spam.example', false],
    ['ada@mail.spam.example', '@spam.example', false],
    ['ada@example.com', 'ADA@example.com', true],
    ['ada@example.com', 'bob@example.com', false],
    ['a.b@example.com', 'a?b@example.com', false],
    ['axb@example.com', 'a.b@example.com', false],
    ['ada@example.com', '  ', false],
  ])('%s vs %j -> %s', (address, entry, expected) => {
    expect(matchesBlacklistEntry(address.toLowerCase(), entry)).toBe(expected);
  });

  it.each([
    ['mailer-daemon@example.com', true], ['noreply@github.com', true], ['no-reply@x.io', true], ['do-not-reply@x.io', true],
    ['donotreply@x.io', true], ['bounce@x.io', true], ['list-bounces@x.io', true], ['listserv@x.io', true], ['majordomo@x.io', true],
    ['postmaster@x.io', true], ['ada@example.com', false], ['reply@x.io', false],
  ])('the default blacklist and %s: %s', (address, expected) => {
    expect(DEFAULT_BLACKLIST.some((entry) => matchesBlacklistEntry(address, entry))).toBe(expected);
  });
});

describe('applyFloodGuards', () => {
  it.each<[string, Partial<FloodGuardInput>, string | null]>([
    ['an own mailbox', { ownAddresses: new Set(['helpdesk@example.com']) }, "is one of this installation's own mailbox addresses (loop protection)"],
    ['a blacklisted pattern', { blacklist: ['*no-reply*', '*helpdesk*'] }, 'matches the blacklist entry "*helpdesk*"'],
    ['a blacklisted domain', { blacklist: ['@EXAMPLE.com'] }, 'matches the blacklist entry "@EXAMPLE.com"'],
    ['a held hard bounce', { suppressed: new Map([['helpdesk@example.com', '2026-12-01T00:00:00Z']]) }, 'bounced permanently; held until 2026-12-01'],
    ['an expired hard bounce', { suppressed: new Map([['helpdesk@example.com', '2026-11-01T00:00:00Z']]) }, null],
    ['an unreadable hold', { suppressed: new Map([['helpdesk@example.com', 'forever']]) }, 'bounced permanently; held until an admin releases it'],
    ['a reached cap', { recentCounts: new Map([['helpdesk@example.com', [3]]]) }, 'already received 3 notifications in the last 30 minutes (limit 3)'],
    ['a cap not reached', { recentCounts: new Map([['helpdesk@example.com', [2]]]) }, null],
    ['the second cap', { caps: [{ windowMinutes: 30, max: 3 }, { windowMinutes: 1440, max: 10 }], recentCounts: new Map([['helpdesk@example.com', [1, 12]]]) }, 'already received 12 notifications in the last 24 hours (limit 10)'],
    ['an hourly cap', { caps: [{ windowMinutes: 60, max: 1 }], recentCounts: new Map([['helpdesk@example.com', [1]]]) }, 'already received 1 notification in the last hour (limit 1)'],
    ['a duplicate', { duplicateOf: new Set(['helpdesk@example.com']) }, 'received an identical message within the last 10 minutes'],
    ['a duplicate, wider window', { duplicateOf: new Set(['helpdesk@example.com']), dedupeWindowMinutes: 120 }, 'received an identical message within the last 2 hours'],
    ['the first reason wins', { ownAddresses: new Set(['helpdesk@example.com']), blacklist: ['helpdesk@*'] }, "is one of this installation's own mailbox addresses (loop protection)"],
    ['nothing against it', {}, null],
  ])('%s', (_name, input, reason) => {
    const result = applyFloodGuards({ to: [{ name: 'Desk', address: 'HelpDesk@example.com' }], cc: [], bcc: [] }, { ...none(), ...input });
    if (reason === null) {
      expect(result).toEqual({ to: [{ name: 'Desk', address: 'HelpDesk@example.com' }], cc: [], bcc: [], suppressed: [] });
    } else {
      expect(result).toEqual({ to: [], cc: [], bcc: [], suppressed: [{ address: 'HelpDesk@example.com', reason }] });
    }
  });

  it('filters each list and reports an address once', () => {
    const result = applyFloodGuards(
      {
        to: [{ address: 'ada@example.com' }, { address: 'noreply@shop.example' }],
        cc: [{ address: 'helpdesk@example.com' }, { address: 'bob@example.com' }],
        bcc: [{ address: 'NoReply@shop.example' }, { address: 'carol@example.com' }],
      },
      { ...none(), ownAddresses: new Set(['helpdesk@example.com']), blacklist: DEFAULT_BLACKLIST, recentCounts: new Map([['carol@example.com', [5]]]) },
    );
    expect(result).toEqual({
      to: [{ address: 'ada@example.com' }],
      cc: [{ address: 'bob@example.com' }],
      bcc: [],
      suppressed: [
        { address: 'noreply@shop.example', reason: 'matches the blacklist entry "noreply@*"' },
        { address: 'helpdesk@example.com', reason: "is one of this installation's own mailbox addresses (loop protection)" },
        { address: 'carol@example.com', reason: 'already received 5 notifications in the last 30 minutes (limit 3)' },
      ],
    });
  });
});

describe('message fingerprints', () => {
  // Published FNV-1a 64 test vectors (over UTF-8 bytes).
  it.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
  ])('FNV-1a 64 of %j is %s', (text, hash) => {
    expect(fnv1a64(text)).toBe(hash);
  });

  it('hashes non-ASCII text as UTF-8', () => {
    expect(fnv1a64('Grüße 😀')).toMatch(/^[0-9a-f]{16}$/);
    expect(fnv1a64('Grüße')).not.toBe(fnv1a64('Grusse'));
  });

  const base = { to: 'Ada@Example.com', subject: 'RMA R-1 authorised', text: 'Your RMA was authorised.' };
  it.each<[string, Partial<typeof base> & { html?: string }, boolean]>([
    ['the same message', {}, true],
    ['the recipient in other case', { to: 'ada@example.com' }, true],
    ['another recipient', { to: 'bob@example.com' }, false],
    ['another subject', { subject: 'RMA R-2 authorised' }, false],
    ['another body', { text: 'Your RMA was shipped.' }, false],
    ['an added html part', { html: '<p>Your RMA was authorised.</p>' }, false],
    ['subject and body shifted', { subject: 'RMA R-1 authorisedY', text: 'our RMA was authorised.' }, false],
  ])('%s -> same fingerprint: %s', (_name, change, same) => {
    expect(messageFingerprint({ ...base, ...change }) === messageFingerprint(base)).toBe(same);
  });

  it('is stable across runs', () => {
    expect(messageFingerprint(base)).toBe(messageFingerprint({ ...base }));
    expect(messageFingerprint(base)).toMatch(/^[0-9a-f]{16}$/);
  });
});
