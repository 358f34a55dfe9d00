/*
 * The message lifecycle: each transition's patch (status, its timestamp, the lease given up), the
 * lease owner of a claim and the instance read back from it, the admin's refusals with their reasons,
 * and the README's state diagram listing exactly these transitions.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  adminCancelRefusal,
  adminRetryRefusal,
  deleteRefusal,
  leaseHolder,
  leaseOwner,
  MESSAGE_STATUSES,
  MESSAGE_TRANSITIONS,
  transitionPatch,
  type TransitionName,
} from '../../server/src/core/outbox/message-lifecycle';
import messageSchema from '../../server/src/content-types/message/schema.json';

const now = new Date('2026-12-01T10:00:00Z');

it.each<[TransitionName, Record<string, unknown>]>([
  ['enqueue', { status: 'queued' }],
  ['recordSuppressed', { status: 'cancelled', cancelledAt: now }],
  ['claim', { status: 'sending' }],
  ['markSent', { status: 'sent', sentAt: now, leaseOwner: null, leaseExpiresAt: null }],
  ['scheduleRetry', { status: 'queued', leaseOwner: null, leaseExpiresAt: null }],
  ['markFailed', { status: 'failed', failedAt: now, leaseOwner: null, leaseExpiresAt: null }],
  ['cancelBlocked', { status: 'cancelled', cancelledAt: now, leaseOwner: null, leaseExpiresAt: null }],
  ['release', { status: 'queued', leaseOwner: null, leaseExpiresAt: null }],
  ['retryByAdmin', { status: 'queued', nextAttemptAt: now, retryableFailures: 0, failedAt: null, cancelledAt: null }],
  ['cancelByAdmin', { status: 'cancelled', cancelledAt: now }],
])('%s writes exactly its patch', (name, patch) => {
  expect(transitionPatch(name, now)).toEqual(patch);
});

it.each([
  ['a failed message', { status: 'failed', bodyPurgedAt: null, secretsMasked: false }, null],
  ['a cancelled message', { status: 'cancelled', bodyPurgedAt: null, secretsMasked: false }, null],
  ['a sent message', { status: 'sent', bodyPurgedAt: null, secretsMasked: false }, 'status'],
  ['a queued message', { status: 'queued', bodyPurgedAt: null, secretsMasked: false }, 'status'],
  ['a message whose body was purged', { status: 'failed', bodyPurgedAt: '2026-11-01T00:00:00Z', secretsMasked: false }, 'bodyPurgedAt'],
  ['a message whose secrets were masked', { status: 'failed', bodyPurgedAt: null, secretsMasked: true }, 'secretsMasked'],
] as const)('an admin retry of %s is refused on %s', (_what, row, path) => {
  expect(adminRetryRefusal(row)?.path ?? null).toBe(path);
});

it.each([
  ['queued', null],
  ['sending', 'status'],
  ['sent', 'status'],
  ['failed', 'status'],
] as const)('an admin cancel of a %s message is refused on %s', (status, path) => {
  expect(adminCancelRefusal({ status })?.path ?? null).toBe(path);
});

it('refuses to delete only a message being sent', () => {
  expect(deleteRefusal({ status: 'sending' })?.message).toMatch(/being sent/);
  expect(['queued', 'sent', 'failed', 'cancelled'].map((status) => deleteRefusal({ status: status as 'queued' }))).toEqual([null, null, null, null]);
});

it('reads the holding instance back from a lease owner, whatever colons the instance id has', () => {
  expect(leaseOwner('web-1:4242:1a2b3c4d', '0f8e')).toBe('web-1:4242:1a2b3c4d:0f8e');
  expect(leaseHolder(leaseOwner('web-1:4242:1a2b3c4d', '9b2c5d1e-8a7f-4c3b-9e2d-1f0a6b5c4d3e'))).toBe('web-1:4242:1a2b3c4d');
  expect(leaseHolder('no-colon')).toBe('no-colon');
});

it("the README's state diagram shows every transition, and no other", () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const diagram = /```mermaid\nstateDiagram-v2\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const drawn = [...diagram.matchAll(/^\s*(\S+) --> (\S+): (\w+)$/gm)].map(([, from, to, name]) => `${name}: ${from} -> ${to}`).sort();
  const defined = Object.entries(MESSAGE_TRANSITIONS)
    .flatMap(([name, t]) => ((t.from as readonly string[]).length ? (t.from as readonly string[]) : ['[*]']).map((from) => `${name}: ${from} -> ${t.to}`))
    .sort();
  expect(drawn).toEqual(defined);
});

it('the message content type stores exactly the lifecycle\'s states', () => {
  expect(messageSchema.attributes.status.enum).toEqual([...MESSAGE_STATUSES]);
});
