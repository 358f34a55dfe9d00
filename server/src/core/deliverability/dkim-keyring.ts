/*
 * A mailbox's DKIM keys as data, and the rotation rules: a new key of an algorithm the mailbox
 * already signs with waits as "pending" until its record is published and it is switched in; the key
 * it replaces signs no more but stays "retiring" (its record still needed) until retired. Pure: no
 * crypto, no storage; private keys are not part of a keyring (they are stored encrypted beside it).
 */
import { z } from 'zod';
import type { FieldProblem } from '../errors';

export const DKIM_ALGORITHMS = ['rsa', 'ed25519'] as const;
export type DkimAlgorithm = (typeof DKIM_ALGORITHMS)[number];
export type DkimKeyStatus = 'active' | 'pending' | 'retiring';

export interface DkimKey {
  domain: string;
  selector: string;
  algorithm: DkimAlgorithm;
  status: DkimKeyStatus;
  /** The `p=` value of the TXT record: base64 SPKI (RSA) or the raw 32-byte key (Ed25519). */
  publicKey: string;
  createdAt: string;
}

/** A key as the transport signs with it (decrypted): only ever passed from the mailbox store to the transport. */
export interface DkimSigningKey {
  domain: string;
  selector: string;
  algorithm: DkimAlgorithm;
  privateKey: string;
}

export interface DnsRecord {
  name: string;
  value: string;
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** A selector is one or more DNS labels (RFC 6376 §3.1). */
const SELECTOR = /^(?=.{1,63}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

export const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => DOMAIN.test(v), 'must be a domain name like example.com (no scheme, no @, no trailing dot)');

export const dkimKeyInputSchema = z
  .object({
    domain: domainSchema,
    selector: z
      .string()
      .trim()
      .toLowerCase()
      .refine((v) => SELECTOR.test(v), 'must be letters, digits and hyphens (dots between labels), at most 63 characters, like mail2026'),
    algorithm: z.enum(DKIM_ALGORITHMS).optional(),
    /** A PEM private key to use instead of generating one. */
    privateKey: z.string().min(1).max(16_384).optional(),
  })
  .strict();

export const dkimAlgorithmInputSchema = z.object({ algorithm: z.enum(DKIM_ALGORITHMS).default('rsa'), force: z.boolean().default(false) }).strict();

export type DkimKeyInput = z.infer<typeof dkimKeyInputSchema>;

export const dkimRecordName = (key: Pick<DkimKey, 'domain' | 'selector'>) => `${key.selector}._domainkey.${key.domain}`;

export function dkimRecord(key: Pick<DkimKey, 'domain' | 'selector' | 'algorithm' | 'publicKey'>): DnsRecord {
  return { name: dkimRecordName(key), value: `v=DKIM1; k=${key.algorithm}; p=${key.publicKey}` };
}

type Change = { keys: DkimKey[]; added: DkimKey } | { problems: FieldProblem[] };

/**
 * Adds a key: the first of its algorithm signs at once; otherwise it becomes the pending key
 * (replacing an earlier pending one). A selector already in use by another key is refused: its
 * record is published for that key, and overwriting it would break mail signed with it.
 */
export function addKey(keys: DkimKey[], key: Omit<DkimKey, 'status'>): Change {
  // One selector per key of the mailbox, whatever the domain: the private keys are kept by selector.
  const clash = keys.find((k) => k.selector === key.selector && !(k.status === 'pending' && k.algorithm === key.algorithm));
  if (clash) {
    return { problems: [{ path: 'selector', message: `"${key.selector}" is already used by the ${clash.status} ${clash.algorithm} key of ${clash.domain}: choose a new selector (for example with the date, like ${key.selector}-2)` }] };
  }
  const hasActive = keys.some((k) => k.algorithm === key.algorithm && k.status === 'active');
  const added: DkimKey = { ...key, status: hasActive ? 'pending' : 'active' };
  const rest = keys.filter((k) => !(k.algorithm === key.algorithm && k.status === 'pending'));
  return { keys: [...rest, added], added };
}

/** The pending key signs from now on; the active one it replaces is kept as retiring (an older retiring one is dropped). */
export function switchKey(keys: DkimKey[], algorithm: DkimAlgorithm): Change {
  const pending = keys.find((k) => k.algorithm === algorithm && k.status === 'pending');
  if (!pending) return { problems: [{ path: 'algorithm', message: `there is no pending ${algorithm} key to switch to: add one first (POST …/dkim with a new selector)` }] };
  const next = keys
    .filter((k) => !(k.algorithm === algorithm && k.status === 'retiring'))
    .map((k): DkimKey => {
      if (k.algorithm !== algorithm) return k;
      if (k.status === 'active') return { ...k, status: 'retiring' };
      if (k === pending) return { ...k, status: 'active' };
      return k;
    });
  return { keys: next, added: { ...pending, status: 'active' } };
}

/** Drops the retiring key of an algorithm: mail signed with it has been delivered, its record may go. */
export function retireKey(keys: DkimKey[], algorithm: DkimAlgorithm): Change {
  const retiring = keys.find((k) => k.algorithm === algorithm && k.status === 'retiring');
  if (!retiring) return { problems: [{ path: 'algorithm', message: `there is no retiring ${algorithm} key: a key becomes retiring when a pending key is switched in` }] };
  return { keys: keys.filter((k) => k !== retiring), added: retiring };
}

/** The keys that sign: the active one of each algorithm, RSA first (receivers that know only RSA read it first). */
export const signingKeys = (keys: DkimKey[]) =>
  keys.filter((k) => k.status === 'active').sort((a, b) => DKIM_ALGORITHMS.indexOf(a.algorithm) - DKIM_ALGORITHMS.indexOf(b.algorithm));

/** Parses the stored keyring (a JSON column); anything unreadable counts as no keys. */
export function readKeyring(stored: unknown): DkimKey[] {
  const parsed = keyringSchema.safeParse(stored);
  return parsed.success ? parsed.data : [];
}

const keyringSchema = z.array(
  z.object({
    domain: z.string(),
    selector: z.string(),
    algorithm: z.enum(DKIM_ALGORITHMS),
    status: z.enum(['active', 'pending', 'retiring']),
    publicKey: z.string(),
    createdAt: z.string(),
  }),
);

/** The mailbox view: the signing key in front (domain, selector, record), all keys with their state below. Never a private key. */
export function dkimView(keys: DkimKey[], hasPrivateKeys: boolean) {
  const primary = signingKeys(keys)[0] ?? null;
  return {
    domain: primary?.domain ?? '',
    selector: primary?.selector ?? '',
    algorithm: primary?.algorithm ?? null,
    hasKey: !!primary && hasPrivateKeys,
    dnsRecord: primary ? dkimRecord(primary) : null,
    keys: keys.map((k) => ({ domain: k.domain, selector: k.selector, algorithm: k.algorithm, status: k.status, createdAt: k.createdAt, dnsRecord: dkimRecord(k) })),
  };
}

export type DkimView = ReturnType<typeof dkimView>;
