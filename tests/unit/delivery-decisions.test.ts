import { classifyFailure } from '../../server/src/core/delivery/classify-error';
import { backoffDelayMs, nextStepAfterFailure } from '../../server/src/core/delivery/retry-policy';
import { outcomeOfFailure, outcomeOfSuccess } from '../../server/src/core/delivery/attempt-outcome';
import { healthAfterFailure, healthAfterSuccess, isConnectionFailure } from '../../server/src/core/routing/circuit-breaker';
import { selectMailbox, type MailboxCandidate } from '../../server/src/core/routing/select-mailbox';

const retry = { maxAttempts: 3, backoffBaseMs: 1000, backoffMaxMs: 10_000 };
const now = new Date('2026-11-25T08:00:00Z');

describe('classifyFailure', () => {
  it.each([
    [{ code: 'ECONNECTION', message: 'connect ECONNREFUSED' }, 'transient'],
    [{ code: 'ETIMEDOUT' }, 'transient'],
    [{ code: 'ESOCKET', message: 'Connection closed unexpectedly' }, 'transient'],
    [{ code: 'EPROTOCOL', responseCode: 421, command: 'DATA' }, 'transient'],
    [{ code: 'EMESSAGE', responseCode: 451, command: 'DATA' }, 'transient'],
    [{ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }, 'permanent'],
    [{ code: 'EENVELOPE', responseCode: 553, command: 'MAIL FROM' }, 'permanent'],
    [{ code: 'EMESSAGE', responseCode: 554, command: 'DATA' }, 'permanent'],
    [{ code: 'EENVELOPE', message: 'No recipients defined' }, 'permanent'],
    [{ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }, 'mailbox'],
    [{ code: 'EPROTOCOL', responseCode: 530, command: 'MAIL FROM' }, 'mailbox'],
    [{ code: 'ETLS' }, 'mailbox'],
    [{ code: 'EDNS', message: 'getaddrinfo ENOTFOUND smtp.example.com' }, 'mailbox'],
    [{ code: 'EDNS', message: 'getaddrinfo EAI_AGAIN smtp.example.com' }, 'transient'],
    [{ code: 'EPROTOCOL', responseCode: 554, command: 'CONN' }, 'mailbox'],
    [{ message: 'something new' }, 'transient'],
  ])('%j is %s', (error, kind) => {
    expect(classifyFailure(error)).toBe(kind);
  });
});

describe('retry policy', () => {
  it.each([
    [1, 0, 500, 1000],
    [1, 0.999, 999, 1000],
    [2, 0, 1000, 2000],
    [5, 1, 10_000, 10_000],
  ])('after %i failure(s) with random %f the delay is within [%i, %i]', (failures, random, min, max) => {
    const delay = backoffDelayMs(failures, retry, () => random);
    expect(delay).toBeGreaterThanOrEqual(min);
    expect(delay).toBeLessThanOrEqual(max);
  });

  it('retries transient failures until the attempts run out', () => {
    expect(nextStepAfterFailure('transient', 0, now, retry, () => 0.5)).toMatchObject({ action: 'retry', retryableFailures: 1 });
    expect(nextStepAfterFailure('transient', 2, now, retry, () => 0.5)).toEqual({ action: 'fail', finalReason: 'attempts-exhausted', retryableFailures: 3 });
  });

  it('fails permanent failures at once and lets mailbox failures wait without using attempts', () => {
    expect(nextStepAfterFailure('permanent', 0, now, retry, Math.random)).toMatchObject({ action: 'fail', finalReason: 'permanent' });
    const later = new Date(now.getTime() + 60_000);
    expect(nextStepAfterFailure('mailbox', 2, now, retry, Math.random, later)).toEqual({ action: 'requeue', at: later, retryableFailures: 2 });
  });
});

describe('attempt outcome', () => {
  const ctx = { retryableFailures: 0, attempts: 0, mailbox: { id: 'm1', name: 'Main' }, now, durationMs: 12 };
  it('records a success', () => {
    const outcome = outcomeOfSuccess(ctx, { messageId: '<x@y>', response: '250 OK', rejected: ['gone@example.com'] });
    expect(outcome.patch).toMatchObject({ status: 'sent', attempts: 1, serverResponse: '250 OK', rejectedRecipients: ['gone@example.com'], leaseOwner: null });
    expect(outcome.record).toMatchObject({ outcome: 'sent', mailboxName: 'Main', note: 'Refused recipients: gone@example.com' });
  });
  it('records a final failure with both SMTP events', () => {
    const outcome = outcomeOfFailure({ ...ctx, retryableFailures: 2, attempts: 2 }, { code: 'EPROTOCOL', responseCode: 451, message: '451 later' }, retry, () => 0, now);
    expect(outcome.patch).toMatchObject({ status: 'failed', attempts: 3, lastErrorCode: 'EPROTOCOL' });
    expect(outcome.events).toEqual(['delivery-failed', 'final-delivery-failed']);
    expect(outcome.record.note).toMatch(/Final delivery failed after 3 attempts/);
  });
});

describe('circuit breaker', () => {
  const options = { circuitBreakMs: 1000, circuitBreakMaxMs: 8000, connectionFailuresToOpen: 3 };
  const closed = healthAfterSuccess();
  it('opens at once on a mailbox-level failure, growing while it keeps failing', () => {
    const first = healthAfterFailure(closed, 'mailbox', false, now, options);
    expect(first.circuitOpenUntil!.getTime() - now.getTime()).toBe(1000);
    const second = healthAfterFailure(first, 'mailbox', false, now, options);
    expect(second.circuitOpenUntil!.getTime() - now.getTime()).toBe(2000);
  });
  it('opens after three connection failures in a row, not on a busy answer or a refused message', () => {
    let health = closed;
    for (let i = 0; i < 2; i += 1) health = healthAfterFailure(health, 'transient', true, now, options);
    expect(health.circuitOpenUntil).toBeNull();
    expect(healthAfterFailure(health, 'transient', true, now, options).circuitOpenUntil).not.toBeNull();
    expect(healthAfterFailure(health, 'transient', false, now, options)).toBe(health);
    expect(healthAfterFailure(health, 'permanent', false, now, options)).toBe(health);
  });
  it('tells connection failures from server answers', () => {
    expect(isConnectionFailure({ code: 'ECONNECTION' })).toBe(true);
    expect(isConnectionFailure({ code: 'EPROTOCOL', responseCode: 421 })).toBe(false);
  });
});

describe('selectMailbox', () => {
  const mb = (patch: Partial<MailboxCandidate>): MailboxCandidate => ({ id: patch.name!, name: 'x', enabled: true, direction: 'out', isDefault: false, priority: 100, circuitOpenUntil: null, ...patch });
  const primary = mb({ name: 'primary', isDefault: true });
  const backup = mb({ name: 'backup', priority: 10 });
  const other = mb({ name: 'other', priority: 50 });
  const open = new Date(now.getTime() + 60_000);

  it.each([
    ['the default first', [backup, primary, other], null, 'primary'],
    ['the requested mailbox by name', [primary, other], 'other', 'other'],
    ['failover by priority when the default fails', [mb({ ...primary, circuitOpenUntil: open }), other, backup], null, 'backup'],
    ['failover when the requested one is disabled', [primary, mb({ ...other, enabled: false })], 'other', 'primary'],
    ['a mailbox whose circuit has closed again', [mb({ ...primary, circuitOpenUntil: new Date(now.getTime() - 1) })], null, 'primary'],
  ])('picks %s', (_name, candidates, requested, expected) => {
    const selection = selectMailbox(candidates, requested, now);
    expect(selection.mailbox?.name).toBe(expected);
  });

  it.each([
    ['no mailbox', [], /No outgoing mailbox is configured/],
    ['only disabled ones', [mb({ ...primary, enabled: false })], /disabled/],
    ['only failing ones', [mb({ ...primary, circuitOpenUntil: open })], /failing/],
    ['only incoming ones', [mb({ ...primary, direction: 'in' })], /No outgoing mailbox/],
  ])('waits, saying why, with %s', (_name, candidates, reason) => {
    const selection = selectMailbox(candidates as MailboxCandidate[], null, now);
    expect(selection.mailbox).toBeNull();
    if (!selection.mailbox) expect(selection.waitingReason).toMatch(reason);
  });

  it('retries when the first circuit closes', () => {
    const selection = selectMailbox([mb({ ...primary, circuitOpenUntil: open })], null, now);
    expect(!selection.mailbox && selection.retryAt).toEqual(open);
  });
});
