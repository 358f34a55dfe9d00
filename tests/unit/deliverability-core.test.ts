/*
 * The pure deliverability decisions: the DKIM keyring's rotation rules, editing an SPF record to add a
 * mechanism, and the mailbox warnings.
 */
import { addKey, dkimRecord, retireKey, signingKeys, switchKey, type DkimKey } from '../../server/src/core/deliverability/dkim-keyring';
import { mailboxWarnings, readSpfHostCheck } from '../../server/src/core/deliverability/mailbox-warnings';
import { mechanismFor, withMechanism } from '../../server/src/core/deliverability/spf-verdicts';

const key = (selector: string, algorithm: DkimKey['algorithm'] = 'rsa', domain = 'example.com') => ({ domain, selector, algorithm, publicKey: `P${selector}`, createdAt: '2026-01-01T00:00:00.000Z' });
const keysOf = (change: ReturnType<typeof addKey>) => {
  if ('problems' in change) throw new Error(JSON.stringify(change.problems));
  return change.keys;
};
const states = (keys: DkimKey[]) => keys.map((k) => `${k.selector}:${k.status}`).sort();

describe('DKIM keyring', () => {
  it('makes the first key of an algorithm active and later ones pending; a new pending key replaces the old pending one', () => {
    let keys = keysOf(addKey([], key('s1')));
    keys = keysOf(addKey(keys, key('e1', 'ed25519')));
    keys = keysOf(addKey(keys, key('s2')));
    keys = keysOf(addKey(keys, key('s3')));
    expect(states(keys)).toEqual(['e1:active', 's1:active', 's3:pending']);
    expect(signingKeys(keys).map((k) => k.selector)).toEqual(['s1', 'e1']);
  });

  it('switches the pending key in, keeps the replaced one retiring, and retires it', () => {
    let keys = keysOf(addKey(keysOf(addKey([], key('s1'))), key('s2')));
    keys = keysOf(switchKey(keys, 'rsa'));
    expect(states(keys)).toEqual(['s1:retiring', 's2:active']);
    keys = keysOf(switchKey(keysOf(addKey(keys, key('s3'))), 'rsa'));
    expect(states(keys)).toEqual(['s2:retiring', 's3:active']);
    expect(states(keysOf(retireKey(keys, 'rsa')))).toEqual(['s3:active']);
  });

  it.each([
    ['a selector in use', () => addKey(keysOf(addKey([], key('s1'))), key('s1')), 'selector'],
    ['switch without a pending key', () => switchKey(keysOf(addKey([], key('s1'))), 'rsa'), 'algorithm'],
    ['retire without a retiring key', () => retireKey([], 'ed25519'), 'algorithm'],
  ])('refuses %s, naming the field', (_t, run, path) => {
    expect(run()).toEqual({ problems: [expect.objectContaining({ path })] });
  });

  it('names the record selector._domainkey.domain with the key type', () => {
    expect(dkimRecord({ ...key('mail2026', 'ed25519'), domain: 'example.org' })).toEqual({ name: 'mail2026._domainkey.example.org', value: 'v=DKIM1; k=ed25519; p=Pmail2026' });
  });
});

describe('SPF record edits', () => {
  it.each([
    ['v=spf1 include:_spf.example.net ~all', 'a:smtp.example.com', 'v=spf1 include:_spf.example.net a:smtp.example.com ~all'],
    ['v=spf1 mx redirect=_spf.example.net', 'ip4:192.0.2.1', 'v=spf1 mx ip4:192.0.2.1 redirect=_spf.example.net'],
    ['v=spf1 mx', 'ip6:2001:db8::1', 'v=spf1 mx ip6:2001:db8::1'],
  ])('%s + %s', (record, mechanism, expected) => expect(withMechanism(record, mechanism)).toBe(expected));

  it.each([
    ['smtp.example.com', 'a:smtp.example.com'],
    ['192.0.2.1', 'ip4:192.0.2.1'],
    ['[2001:db8::1]', 'ip6:2001:db8::1'],
  ])('authorises %s with %s', (host, mechanism) => expect(mechanismFor(host)).toBe(mechanism));
});

describe('mailbox warnings', () => {
  const mailbox = { direction: 'out', fromAddress: 'desk@help.example.com', security: 'starttls', host: 'smtp.example.com' };
  it.each([
    ['no key', mailbox, [], ['no-dkim']],
    ['an aligned key (subdomain)', mailbox, [{ ...key('s1'), status: 'active' as const }], []],
    ['a key of another domain', mailbox, [{ ...key('s1', 'rsa', 'other.org'), status: 'active' as const }], ['dkim-not-aligned']],
    ['only a pending key', mailbox, [{ ...key('s1'), status: 'pending' as const }], ['no-dkim']],
    ['Ed25519 only', mailbox, [{ ...key('e1', 'ed25519'), status: 'active' as const }], ['ed25519-only']],
    ['no TLS to a remote host', { ...mailbox, security: 'none' }, [{ ...key('s1'), status: 'active' as const }], ['no-tls']],
    ['no TLS to a local relay', { ...mailbox, security: 'none', host: '127.0.0.1' }, [{ ...key('s1'), status: 'active' as const }], []],
    ['an incoming mailbox', { ...mailbox, direction: 'in' }, [], []],
  ])('%s', (_t, box, keys, codes) => expect(mailboxWarnings(box, keys as DkimKey[]).map((w) => w.code)).toEqual(codes));

  const signed = [{ ...key('s1'), status: 'active' as const }] as DkimKey[];
  const spf = { status: 'fail' as const, host: 'smtp.example.com', fromDomain: 'help.example.com', fix: 'Add `a:smtp.example.com` to the SPF record.', checkedAt: '2026-12-01T10:00:00.000Z' };
  it.each([
    ['the last check refused the host', spf, [{ code: 'spf-host-not-allowed', message: spf.fix }]],
    ['the last check passed', { ...spf, status: 'pass' as const, fix: null }, []],
    ['the host changed since the check', { ...spf, host: 'old.example.com' }, []],
    ['the From domain changed since the check', { ...spf, fromDomain: 'example.org' }, []],
  ])('SPF: %s', (_t, check, expected) => expect(mailboxWarnings(mailbox, signed, check)).toEqual(expected));

  it('reads a stored SPF check, and nothing from another shape', () => {
    expect(readSpfHostCheck(spf)).toEqual(spf);
    expect(readSpfHostCheck({ ...spf, status: 'maybe' })).toBeNull();
    expect(readSpfHostCheck('fail')).toBeNull();
    expect(readSpfHostCheck(null)).toBeNull();
  });
});
