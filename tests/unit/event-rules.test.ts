/*
 * SMTP event rules: the input schema (every problem with its path), matching an event (time of day
 * over midnight and day of week in a time zone, patterns, flags), the max-frequency window and the
 * action-run retry decision, each with an injected clock.
 */
import { InputError, type FieldProblem } from '../../server/src/core/errors';
import { decideAfterAttempt, outcomeOfThrow } from '../../server/src/core/events/action-run-lifecycle';
import { matchEvent, matchesPattern } from '../../server/src/core/events/event-match';
import { parseEventRule, type EventRule } from '../../server/src/core/events/event-rule-input';
import type { SmtpEvent } from '../../server/src/core/events/event-types';
import { decideWindow, EMPTY_WINDOW, type WindowState } from '../../server/src/core/events/frequency-window';
import { eventOf, eventTypesOf, sampleEvent } from '../../server/src/core/events/smtp-event';

const BASE = { name: 'Final failures to the ops hook', eventType: 'final-delivery-failed', actions: [{ type: 'webhook', url: 'https://ops.example.com/hook' }] };

function problemsOf(input: unknown, knownProviders?: Set<string>): FieldProblem[] {
  try {
    parseEventRule(input, { knownProviders });
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseEventRule', () => {
  it('fills the defaults and keeps the contract example as it is', () => {
    expect(parseEventRule(BASE)).toEqual({ ...BASE, enabled: true, conditions: {}, maxFrequencyMinutes: 0 });
    const full = {
      ...BASE,
      conditions: {
        timeOfDay: { from: '08:00', to: '18:00', timezone: 'Europe/Berlin' },
        daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri'],
        smtpServer: 'smtp.*.example.com',
        port: 587,
        emailAddress: 'helpdesk@example.com',
        ssl: true,
        requiresAuth: true,
        customerEmail: '*@customer.example',
      },
      maxFrequencyMinutes: 15,
      actions: [
        { type: 'webhook', url: 'https://ops.example.com/hook' },
        { type: 'log', file: 'smtp-events.log' },
        { type: 'provider', name: 'pagerduty' },
        { type: 'email', recipients: { to: [{ address: 'ops@example.com' }] } },
        { type: 'profiles' },
      ],
    };
    const parsed = parseEventRule(full, { knownProviders: new Set(['pagerduty']) });
    expect(parsed.conditions).toEqual(full.conditions);
    expect(parsed.actions[3]).toEqual({ type: 'email', recipients: { to: [{ address: 'ops@example.com' }], cc: [], bcc: [] } });
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['no name', { name: '' }, ['name']],
    ['an unknown event type', { eventType: 'smtp-down' }, ['eventType']],
    ['a bad time of day', { conditions: { timeOfDay: { from: '8am', to: '25:00', timezone: 'Mars/Base' } } }, ['conditions.timeOfDay.from', 'conditions.timeOfDay.to', 'conditions.timeOfDay.timezone']],
    ['an empty time window', { conditions: { timeOfDay: { from: '08:00', to: '08:00' } } }, ['conditions.timeOfDay.to']],
    ['an unknown day', { conditions: { daysOfWeek: ['mon', 'funday'] } }, ['conditions.daysOfWeek.1']],
    ['a day twice', { conditions: { daysOfWeek: ['mon', 'mon'] } }, ['conditions.daysOfWeek']],
    ['a bad server pattern', { conditions: { smtpServer: 'smtp example.com' } }, ['conditions.smtpServer']],
    ['a port out of range', { conditions: { port: 70000 } }, ['conditions.port']],
    ['ssl as text', { conditions: { ssl: 'yes', requiresAuth: 'no' } }, ['conditions.ssl', 'conditions.requiresAuth']],
    ['a customer email that is no address', { conditions: { customerEmail: 'nobody' } }, ['conditions.customerEmail']],
    ['an unknown condition', { conditions: { weather: 'rain' } }, ['conditions']],
    ['a negative max frequency', { maxFrequencyMinutes: -1 }, ['maxFrequencyMinutes']],
    ['no actions', { actions: [] }, ['actions']],
    ['an unknown action', { actions: [{ type: 'sms' }] }, ['actions.0']],
    ['a web page action without a URL', { actions: [{ type: 'webhook', url: 'ftp://x.example.com' }] }, ['actions.0.url']],
    ['a log file outside the folder', { actions: [{ type: 'log', file: '../etc/passwd' }] }, ['actions.0.file']],
    ['an email action with a record path', { actions: [{ type: 'email', recipients: { to: [{ path: 'customer.email' }] } }] }, ['actions.0.recipients.to.0.path']],
    ['an email action with no recipients', { actions: [{ type: 'email', recipients: { to: [] } }] }, ['actions.0.recipients']],
  ])('refuses %s, naming the field', (_name, change, paths) => {
    expect(problemsOf({ ...BASE, ...change }).map((p) => p.path)).toEqual(paths);
  });

  it('refuses a provider nobody registered, naming the registered ones', () => {
    const problems = problemsOf({ ...BASE, actions: [{ type: 'provider', name: 'opsgenie' }] }, new Set(['pagerduty']));
    expect(problems).toEqual([{ path: 'actions.0.name', message: expect.stringContaining('registered: "pagerduty"') }]);
  });
});

function event(at: string, change: Partial<SmtpEvent> = {}): SmtpEvent {
  return { ...sampleEvent('final-delivery-failed', 'e1', new Date(at)), test: false, ...change };
}
const rule = (conditions: EventRule['conditions'], extra: Partial<EventRule> = {}) => ({ enabled: true, eventType: 'final-delivery-failed' as const, conditions, ...extra });

describe('matchEvent', () => {
  it.each<[string, string, boolean]>([
    // 22:00-06:00 Berlin (UTC+1 in December) wraps midnight.
    ['late evening', '2026-12-01T21:30:00Z', true], // 22:30 Berlin
    ['after midnight', '2026-12-02T04:59:00Z', true], // 05:59 Berlin
    ['the end is exclusive', '2026-12-02T05:00:00Z', false], // 06:00 Berlin
    ['midday', '2026-12-02T11:00:00Z', false],
    ['the start is inclusive', '2026-12-01T21:00:00Z', true],
  ])('a window over midnight in Europe/Berlin: %s', (_name, at, matches) => {
    expect(matchEvent(rule({ timeOfDay: { from: '22:00', to: '06:00', timezone: 'Europe/Berlin' } }), event(at)).matches).toBe(matches);
  });

  it('reads the day of week on the wall clock of the rule’s zone', () => {
    const weekdays = rule({ daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri'], timeOfDay: { from: '00:00', to: '23:59', timezone: 'Asia/Tokyo' } });
    // Friday 2026-12-04 20:00 UTC is Saturday 05:00 in Tokyo.
    const result = matchEvent(weekdays, event('2026-12-04T20:00:00Z'));
    expect(result).toEqual({ matches: false, reason: 'sat is not one of mon, tue, wed, thu, fri' });
    expect(matchEvent(weekdays, event('2026-12-04T10:00:00Z')).matches).toBe(true);
    expect(matchEvent(rule({ daysOfWeek: ['fri'] }), event('2026-12-04T23:30:00Z')).matches).toBe(true); // UTC without a zone
  });

  it.each<[string, EventRule['conditions'], boolean]>([
    ['server pattern', { smtpServer: 'smtp.*.com' }, true],
    ['server exact, case-insensitive', { smtpServer: 'SMTP.EXAMPLE.COM' }, true],
    ['other server', { smtpServer: 'mail.example.com' }, false],
    ['port', { port: 587 }, true],
    ['other port', { port: 465 }, false],
    ['mailbox address', { emailAddress: 'helpdesk@example.com' }, true],
    ['ssl true', { ssl: true }, true],
    ['ssl false', { ssl: false }, false],
    ['requires auth false', { requiresAuth: false }, false],
    ['customer domain', { customerEmail: '@example.com' }, true],
    ['customer other domain', { customerEmail: '@customer.example' }, false],
    ['customer pattern', { customerEmail: 'cust*@example.com' }, true],
  ])('%s', (_name, conditions, matches) => {
    expect(matchEvent(rule(conditions), event('2026-12-01T10:00:00Z')).matches).toBe(matches);
  });

  it('says why it does not match: disabled, other type, no customer', () => {
    expect(matchEvent(rule({}, { enabled: false }), event('2026-12-01T10:00:00Z')).reason).toBe('the rule is disabled');
    expect(matchEvent(rule({}, { eventType: 'connection-failed' }), event('2026-12-01T10:00:00Z')).matches).toBe(false);
    expect(matchEvent(rule({ customerEmail: '*' }), event('2026-12-01T10:00:00Z', { customerEmail: null })).reason).toBe('customer email (none) does not match "*"');
    expect(matchesPattern('*', 'anyone@example.com')).toBe(true);
  });
});

describe('decideWindow', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 14, minute));

  it('runs once per window and reports the folded events with the next run', () => {
    let state: WindowState = EMPTY_WINDOW;
    const first = decideWindow(state, 15, at(5));
    expect(first).toMatchObject({ run: true, folded: null });
    state = first.next;
    for (let minute = 6; minute < 20; minute += 1) {
      const decision = decideWindow(state, 15, at(minute));
      expect(decision.run).toBe(false);
      state = decision.next;
    }
    expect(state).toEqual({ openedAt: at(5).toISOString(), folded: 14, firstFoldedAt: at(6).toISOString(), lastFoldedAt: at(19).toISOString() });
    const next = decideWindow(state, 15, at(20));
    expect(next).toMatchObject({ run: true, folded: { count: 14, firstAt: at(6).toISOString(), lastAt: at(19).toISOString() } });
    expect(next.next).toEqual({ openedAt: at(20).toISOString(), folded: 0, firstFoldedAt: null, lastFoldedAt: null });
  });

  it('runs on every event with 0 minutes, and when the clock went back', () => {
    const opened = decideWindow(EMPTY_WINDOW, 0, at(5)).next;
    expect(decideWindow(opened, 0, at(5)).run).toBe(true);
    const window = decideWindow(EMPTY_WINDOW, 15, at(30)).next;
    expect(decideWindow(window, 15, at(10)).run).toBe(true);
  });
});

describe('decideAfterAttempt', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  const options = { maxAttempts: 3, backoffBaseMs: 1000, backoffMaxMs: 3000 };

  it.each<[string, Parameters<typeof decideAfterAttempt>[0], number, string, number | null]>([
    ['success', { ok: true, httpStatus: 204 }, 1, 'markSucceeded', null],
    ['a retryable failure', { ok: false, retryable: true, error: 'HTTP 500', httpStatus: 500 }, 1, 'scheduleRetry', 1000],
    ['the backoff doubles', { ok: false, retryable: true, error: 'timeout' }, 2, 'scheduleRetry', 2000],
    ['attempts used up', { ok: false, retryable: true, error: 'timeout' }, 3, 'markFailed', null],
    ['not retryable', { ok: false, retryable: false, error: 'refused: 127.0.0.1 is loopback' }, 1, 'markFailed', null],
  ])('%s', (_name, outcome, attempts, transition, delay) => {
    const decision = decideAfterAttempt(outcome, attempts, now, options, () => 1);
    expect(decision.transition).toBe(transition);
    expect(decision.nextAttemptAt?.getTime() ?? null).toBe(delay === null ? null : now.getTime() + delay);
  });

  it('says when it gave up, and counts a throw as retryable', () => {
    expect(decideAfterAttempt({ ok: false, retryable: true, error: 'HTTP 500' }, 3, now, options, () => 0).error).toBe('HTTP 500 (gave up after 3 attempts)');
    expect(outcomeOfThrow(new Error('boom'))).toEqual({ ok: false, retryable: true, error: 'the action failed: boom' });
  });
});

describe('events of an attempt', () => {
  it.each<[string, 'scheduleRetry' | 'markFailed', boolean, string[]]>([
    ['a retry', 'scheduleRetry', false, ['delivery-failed']],
    ['given up', 'markFailed', false, ['final-delivery-failed']],
    ['a login failure that requeues', 'scheduleRetry', true, ['connection-failed', 'delivery-failed']],
  ])('%s', (_name, transition, mailboxFailure, types) => {
    expect(eventTypesOf({ transition, mailboxFailure })).toEqual(types);
  });

  it('reads SSL and authentication from the mailbox, and the event carries the attempt’s facts', () => {
    const facts = {
      transition: 'markFailed' as const,
      mailboxFailure: false,
      mailbox: { id: 3, name: 'Support', emailAddress: 'help@example.com', host: 'smtp.example.com', port: 587, security: 'starttls' as const, authType: 'none' },
      customerEmail: 'ada@example.com',
      message: { id: 9, messageId: '<m@x>', subject: 'Hi' },
      smtp: { code: 550, response: '550 no' },
      explanation: null,
    };
    const built = eventOf('final-delivery-failed', facts, 'e9', new Date('2026-12-01T10:00:00Z'));
    expect(built.server).toEqual({ protocol: 'smtp', host: 'smtp.example.com', port: 587, ssl: true, requiresAuth: false });
    expect(built).toMatchObject({ type: 'final-delivery-failed', at: '2026-12-01T10:00:00.000Z', test: false, customerEmail: 'ada@example.com' });
  });
});
