/*
 * Key rotation of the secret box with fixed keys: secrets of a previous key are read and re-encrypted
 * under the current one, current ones are left alone, and a secret no key opens says which option fixes it.
 */
import { planReencryption } from '../../server/src/mailboxes/secret-rotation';
import { createSecretBox } from '../../server/src/secrets/secret-box';

const KEY_A = 'key-a-that-is-long-enough-0123456789';
const KEY_B = 'key-b-that-is-long-enough-0123456789';
const KEY_C = 'key-c-that-is-long-enough-0123456789';
const keyIdOf = (stored: string) => stored.split(':')[2];

describe('secret box with previous keys', () => {
  const savedWithA = createSecretBox(KEY_A).encrypt('hunter22');
  const rotated = createSecretBox(KEY_B, [KEY_A]);

  it('reads a secret of a previous key and encrypts new ones with the current key', () => {
    expect(rotated.decrypt(savedWithA)).toBe('hunter22');
    const fresh = rotated.encrypt('hunter22');
    expect(keyIdOf(fresh)).toBe(keyIdOf(createSecretBox(KEY_B).encrypt('x')));
    expect(createSecretBox(KEY_B).decrypt(fresh)).toBe('hunter22');
  });

  it('re-encrypts a previous key\'s secret under the current key, and leaves a current one alone', () => {
    const again = rotated.reencrypt(savedWithA)!;
    expect(again).not.toBeNull();
    expect(keyIdOf(again)).not.toBe(keyIdOf(savedWithA));
    expect(createSecretBox(KEY_B).decrypt(again)).toBe('hunter22');
    expect(() => createSecretBox(KEY_A).decrypt(again)).toThrow();
    expect(rotated.reencrypt(again)).toBeNull();
  });

  it.each([
    ['the current key alone', createSecretBox(KEY_B)],
    ['other previous keys', createSecretBox(KEY_B, [KEY_C])],
  ])('names the options that fix a secret of an unknown key, with %s', (_name, box) => {
    const attempt = () => box.decrypt(savedWithA, 'password');
    expect(attempt).toThrow(/stored password was encrypted with a key this Strapi does not know/);
    expect(attempt).toThrow(/'previousEncryptionKeys'/);
    expect(() => box.reencrypt(savedWithA)).toThrow(/'previousEncryptionKeys'/);
  });

  it('tells tampering from an unknown key', () => {
    const tampered = savedWithA.slice(0, -2) + (savedWithA.endsWith('A') ? 'BB' : 'AA');
    expect(() => rotated.decrypt(tampered)).toThrow(/integrity check/);
  });

  it('ignores the current key listed again among the previous ones', () => {
    const stored = createSecretBox(KEY_B, [KEY_B, KEY_A]).encrypt('hunter22');
    expect(createSecretBox(KEY_B, [KEY_B]).reencrypt(stored)).toBeNull();
  });
});

describe('planning the re-encryption of mailbox secrets', () => {
  const withA = createSecretBox(KEY_A);
  const withB = createSecretBox(KEY_B);
  const withC = createSecretBox(KEY_C);
  const rows = [
    { id: 1, name: 'Old', password: withA.encrypt('pw-1'), oauthClientSecret: null, oauthRefreshToken: withA.encrypt('rt-1'), oauthAccessToken: withA.encrypt('at-1'), dkimPrivateKeys: withA.encrypt('{"s1":"pem"}') },
    { id: 2, name: 'Current', password: withB.encrypt('pw-2'), oauthClientSecret: null, oauthRefreshToken: null, oauthAccessToken: null, dkimPrivateKeys: null },
    { id: 3, name: 'Lost', password: withC.encrypt('pw-3'), oauthClientSecret: null, oauthRefreshToken: null, oauthAccessToken: null, dkimPrivateKeys: null },
    { id: 4, name: 'No secrets', password: null, oauthClientSecret: null, oauthRefreshToken: null, oauthAccessToken: null, dkimPrivateKeys: null },
  ];

  it('rewrites only what a previous key made, expecting the old ciphertext, and reports what no key opens', () => {
    const plan = planReencryption(rows, createSecretBox(KEY_B, [KEY_A]));
    expect(plan.rewrites.map((r) => [r.mailboxId, r.field, r.from])).toEqual([
      [1, 'password', rows[0]!.password],
      [1, 'oauthRefreshToken', rows[0]!.oauthRefreshToken],
      [1, 'oauthAccessToken', rows[0]!.oauthAccessToken],
      [1, 'dkimPrivateKeys', rows[0]!.dkimPrivateKeys],
    ]);
    expect(plan.rewrites.map((r) => withB.decrypt(r.to))).toEqual(['pw-1', 'rt-1', 'at-1', '{"s1":"pem"}']);
    expect(plan.unreadable).toEqual([{ mailboxName: 'Lost', problem: expect.stringMatching(/stored password .*'previousEncryptionKeys'/) }]);
  });

  it('has nothing to do once every secret is under the current key', () => {
    expect(planReencryption(rows.slice(1, 2), createSecretBox(KEY_B, [KEY_A]))).toEqual({ rewrites: [], unreadable: [] });
  });
});
