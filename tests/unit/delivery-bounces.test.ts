/*
 * Which recipients of an attempt bounced for good (they feed the suppression list), and what a
 * delivery that crashed before any result does to its message.
 */
import { outcomeOfCrash } from '../../server/src/core/delivery/attempt-outcome';
import { bounceOfPartialSuccess, bounceOfRefusal } from '../../server/src/core/delivery/bounces';

const refusal = (patch: Partial<Parameters<typeof bounceOfRefusal>[1]>) => ({ code: null, command: null, message: 'refused', response: null, rejected: [], ...patch });
const everyone = ['a@example.com', 'b@example.com'];

it.each([
  ['a permanent RCPT refusal of one recipient', 'permanent', refusal({ command: 'RCPT TO', response: '550 no such user', rejected: ['a@example.com'] }), { addresses: ['a@example.com'], reason: '550 no such user' }],
  ['a refused envelope, every recipient', 'permanent', refusal({ code: 'EENVELOPE', message: 'No recipients defined' }), { addresses: everyone, reason: 'No recipients defined' }],
  ['a permanent refusal of the content', 'permanent', refusal({ code: 'EMESSAGE', command: 'DATA', response: '554 spam' }), null],
  ['a temporary RCPT refusal', 'transient', refusal({ command: 'RCPT TO', response: '450 try later', rejected: ['a@example.com'] }), null],
  ['a mailbox failure', 'mailbox', refusal({ code: 'EAUTH', command: 'AUTH PLAIN' }), null],
] as const)('%s', (_what, kind, error, bounce) => {
  expect(bounceOfRefusal(kind, error, everyone)).toEqual(bounce);
});

it('reports recipients refused while the message went to the others', () => {
  expect(bounceOfPartialSuccess(['b@example.com'], '250 accepted for some')).toEqual({ addresses: ['b@example.com'], reason: '250 accepted for some' });
  expect(bounceOfPartialSuccess(['b@example.com'], null)).toEqual({ addresses: ['b@example.com'], reason: 'refused by the receiving server' });
  expect(bounceOfPartialSuccess([], '250 OK')).toBeNull();
});

describe('a delivery that crashed', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  const options = { maxAttempts: 3, backoffBaseMs: 1000, backoffMaxMs: 8000 };
  const ctx = (retryableFailures: number) => ({ retryableFailures, attempts: retryableFailures, mailbox: null, now, durationMs: 0 });

  it('leaves sending for the queue with the error recorded, after a backoff', () => {
    const outcome = outcomeOfCrash(ctx(0), 'no such table: customers', options, () => 0);
    expect(outcome.transition).toBe('scheduleRetry');
    expect(outcome.patch).toMatchObject({ status: 'queued', attempts: 1, retryableFailures: 1, lastError: 'no such table: customers', leaseOwner: null, nextAttemptAt: new Date(now.getTime() + 500) });
    expect(outcome.record).toMatchObject({ outcome: 'retry', error: 'no such table: customers', note: expect.stringMatching(/unexpected error.*queued again/) });
    expect(outcome.events).toEqual([]);
  });

  it('fails the message once its attempts are used up, instead of looping', () => {
    const outcome = outcomeOfCrash(ctx(2), 'always broken', options, () => 0);
    expect(outcome.transition).toBe('markFailed');
    expect(outcome.patch).toMatchObject({ status: 'failed', lastError: 'always broken' });
    expect(outcome.record.note).toMatch(/Final delivery failed after 3 attempts/);
  });
});
