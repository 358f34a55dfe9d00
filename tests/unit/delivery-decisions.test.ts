import { classifyFailure } from '../../server/src/core/delivery/classify-error';
import { backoffDelayMs, nextStepAfterFailure } from '../../server/src/core/delivery/retry-policy';
import { outcomeOfFailure, outcomeOfSuccess } from '../../server/src/core/delivery/attempt-outcome';
import { healthAfterFailure, healthAfterSuccess, isConnectionFailure } from '../../server/src/core/routing/circuit-breaker';
import { checkLimits, emptyUsage, recordSend, releaseSend } from '../../server/src/core/routing/limits';
import { selectMailbox, type MailboxCandidate, type RouteRequest } from '../../server/src/core/routing/select-mailbox';
import { createStrategyState, pickMember, type PoolMember, type Strategy } from '../../server/src/core/routing/strategies';

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
    [{ code: 'EPROTOCOL', responseCode: 538, command: 'MAIL FROM' }, 'mailbox'],
    [{ code: 'EPROTOCOL', responseCode: 534, command: 'MAIL FROM' }, 'mailbox'],
    [{ code: 'EDNS', message: 'queryA eservfail smtp.example.com' }, 'transient'],
    [{ code: 'EMESSAGE' }, 'permanent'],
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
    const outcome = outcomeOfFailure({ ...ctx, retryableFailures: 2, attempts: 2 }, { code: 'EPROTOCOL', responseCode: 451, message: '451 later' }, 'transient', retry, () => 0, now);
    expect(outcome.patch).toMatchObject({ status: 'failed', attempts: 3, lastErrorCode: 'EPROTOCOL' });
    expect(outcome.events).toEqual(['delivery-failed', 'final-delivery-failed']);
    expect(outcome.record.note).toMatch(/Final delivery failed after 3 attempts/);
  });
  it.each([
    ['transient', 'queued', 'retry', ['delivery-failed']],
    ['mailbox', 'queued', 'mailbox-failed', ['delivery-failed']],
    ['permanent', 'failed', 'failed', ['delivery-failed', 'final-delivery-failed']],
  ] as const)('follows the failure kind it is given: %s', (kind, status, recorded, events) => {
    const outcome = outcomeOfFailure(ctx, { code: 'EPROTOCOL', responseCode: 451, message: '451 later' }, kind, retry, () => 0, now);
    expect([outcome.patch.status, outcome.record.outcome, outcome.events]).toEqual([status, recorded, events]);
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
  it.each([
    [{ code: 'ECONNECTION' }, true],
    [{ code: 'ECONNREFUSED' }, true],
    [{ code: 'EDNS' }, true],
    [{ code: 'EPROTOCOL', responseCode: 421 }, false],
    [{ code: 'ETIMEDOUT', responseCode: 421 }, false],
    [{ code: 'EPIPE' }, false],
    [{ code: 'EAUTH' }, false],
  ])('tells connection failures from server answers: %j is %s', (error, expected) => {
    expect(isConnectionFailure(error)).toBe(expected);
  });
});

describe('selectMailbox', () => {
  const mb = (patch: Partial<MailboxCandidate>): MailboxCandidate => ({
    id: patch.name!, name: 'x', enabled: true, direction: 'out', isDefault: false, priority: 100, circuitOpenUntil: null,
    weight: 1, poolSize: 5, inFlight: 0, sentLastMinute: 0, limit: { ok: true }, latitude: null, longitude: null, countryCode: null, ...patch,
  });
  const primary = mb({ name: 'primary', isDefault: true });
  const backup = mb({ name: 'backup', priority: 10 });
  const other = mb({ name: 'other', priority: 50 });
  const open = new Date(now.getTime() + 60_000);
  const route = (requested: string | null = null): RouteRequest => ({ requested, taskGroup: null });
  const select = (candidates: MailboxCandidate[], request: RouteRequest) => selectMailbox(candidates, request, now, createStrategyState());

  it.each([
    ['the default first', [backup, primary, other], route(), 'primary'],
    ['the requested mailbox by name', [primary, other], route('other'), 'other'],
    ['failover by priority when the default fails', [mb({ ...primary, circuitOpenUntil: open }), other, backup], route(), 'backup'],
    ['failover when the requested one is disabled', [primary, mb({ ...other, enabled: false })], route('other'), 'primary'],
    ['failover when the default reached its quota', [mb({ ...primary, limit: { ok: false, reason: 'reached its daily quota of 50', until: open } }), backup], route(), 'backup'],
    ['a mailbox whose circuit has closed again', [mb({ ...primary, circuitOpenUntil: new Date(now.getTime() - 1) })], route(), 'primary'],
    ['the task group pool in its order', [primary, backup, other], { requested: null, taskGroup: { name: 'rma', strategy: 'failover', mailboxIds: ['other', 'backup'], fallback: 'default' } }, 'other'],
    ['the default pool when the task group has no usable mailbox', [primary, mb({ ...other, enabled: false })], { requested: null, taskGroup: { name: 'rma', strategy: 'failover', mailboxIds: ['other'], fallback: 'default' } }, 'primary'],
  ] as [string, MailboxCandidate[], RouteRequest, string][])('picks %s', (_name, candidates, request, expected) => {
    expect(select(candidates, request).mailbox?.name).toBe(expected);
  });

  it('says why the default was skipped', () => {
    const selection = select([mb({ ...primary, circuitOpenUntil: open }), backup], route());
    expect(selection.mailbox && selection.reason).toBe('default mailbox "primary" is failing (circuit open); failover to "backup" (priority 10)');
    expect(select([primary, backup], route())).toMatchObject({ reason: 'default mailbox "primary"' });
  });

  it.each([
    ['no mailbox', [], route(), /No outgoing mailbox is configured/],
    ['only disabled ones', [mb({ ...primary, enabled: false })], route(), /disabled/],
    ['only failing ones', [mb({ ...primary, circuitOpenUntil: open })], route(), /"primary" is failing/],
    ['only full ones', [mb({ ...primary, limit: { ok: false, reason: 'reached its rate limit of 10 per minute', until: open } })], route(), /rate limit of 10 per minute/],
    ['only incoming ones', [mb({ ...primary, direction: 'in' })], route(), /No outgoing mailbox/],
    ['a task group that waits for its own mailboxes', [primary, mb({ ...other, enabled: false })], { requested: null, taskGroup: { name: 'billing', strategy: 'failover', mailboxIds: ['other'], fallback: 'wait' } }, /task group "billing"/],
  ] as [string, MailboxCandidate[], RouteRequest, RegExp][])('waits, saying why, with %s', (_name, candidates, request, reason) => {
    const selection = select(candidates, request);
    expect(selection.mailbox).toBeNull();
    if (!selection.mailbox) expect(selection.waitingReason).toMatch(reason);
  });

  it('retries when the first circuit closes or limit frees up', () => {
    const selection = select([mb({ ...primary, circuitOpenUntil: open })], route());
    expect(!selection.mailbox && selection.retryAt).toEqual(open);
  });
});

describe('strategies', () => {
  const member = (id: string, weight = 1, inFlight = 0, poolSize = 5): PoolMember => ({ id, weight, poolSize, inFlight, sentLastMinute: 0 });
  const pool = [member('a', 3), member('b'), member('c')];
  const all = new Set(['a', 'b', 'c']);
  const spread = (strategy: Strategy, n: number, usable = all) => {
    const state = createStrategyState();
    const counts: Record<string, number> = {};
    for (let i = 0; i < n; i += 1) {
      const m = pickMember(strategy, pool, usable, state, 'k')!;
      counts[m.id] = (counts[m.id] ?? 0) + 1;
    }
    return counts;
  };
  it.each([
    ['failover', 30, all, { a: 30 }],
    ['round-robin', 30, all, { a: 10, b: 10, c: 10 }],
    ['round-robin', 30, new Set(['a', 'c']), { a: 15, c: 15 }],
    ['weighted', 50, all, { a: 30, b: 10, c: 10 }],
    ['weighted', 40, new Set(['b', 'c']), { b: 20, c: 20 }],
  ] as [Strategy, number, Set<string>, Record<string, number>][])('%s over %i sends with %j usable', (strategy, n, usable, expected) => {
    expect(spread(strategy, n, usable)).toEqual(expected);
  });
  it('weighted spreads evenly, not in bursts', () => {
    const state = createStrategyState();
    const order = Array.from({ length: 5 }, () => pickMember('weighted', pool, all, state, 'k')!.id).join('');
    expect(order).toBe('abaca');
  });
  it('least-loaded prefers the freest mailbox relative to its pool size', () => {
    const busy = [member('a', 1, 4, 5), member('b', 1, 1, 2), member('c', 1, 1, 5)];
    expect(pickMember('least-loaded', busy, all, createStrategyState(), 'k')!.id).toBe('c');
  });
});

describe('limits', () => {
  const limits = { rateLimitPerMinute: 2, dailyQuota: 3 };
  it('counts sends per minute and per UTC day, and says until when a mailbox is full', () => {
    let usage = emptyUsage(now);
    usage = recordSend(usage, now);
    expect(checkLimits(limits, usage, now)).toEqual({ ok: true });
    usage = recordSend(usage, new Date(now.getTime() + 1000));
    const full = checkLimits(limits, usage, new Date(now.getTime() + 2000));
    // Counted per second: the first send's second counts until a minute after it ended.
    expect(full).toEqual({ ok: false, reason: 'reached its rate limit of 2 per minute', until: new Date(now.getTime() + 61_000) });
    expect(checkLimits(limits, usage, new Date(now.getTime() + 60_500)).ok).toBe(false);
    const later = new Date(now.getTime() + 61_001);
    expect(checkLimits(limits, usage, later)).toEqual({ ok: true });
    usage = recordSend(usage, later);
    const quota = checkLimits(limits, usage, later);
    expect(quota).toEqual({ ok: false, reason: 'reached its daily quota of 3', until: new Date('2026-11-26T00:00:00Z') });
    expect(checkLimits(limits, usage, new Date('2026-11-26T00:00:01Z'))).toEqual({ ok: true });
  });
  it('gives back a reservation whose send failed', () => {
    const usage = recordSend(emptyUsage(now), now);
    expect(releaseSend(usage, now.getTime())).toMatchObject({ today: 0, recent: [] });
  });
});
