import { checkCron, isValidTimeZone, nextTick, previousTick, tickKey, ticksToRun } from '../../server/src/core/rules/schedule-ticks';
import { dueAt, isOverdue, windowKey } from '../../server/src/core/rules/time-window';

const NOW = new Date('2026-11-25T08:00:00Z'); // a Wednesday; 09:00 in Berlin
const at = (iso: string) => new Date(iso);

describe('schedule ticks', () => {
  it.each([
    ['0 8 * * 1-5', 'Europe/Berlin', NOW, '2026-11-25T07:00:00.000Z', '2026-11-26T07:00:00.000Z'],
    ['0 8 * * 1-5', 'Europe/Berlin', at('2026-11-25T07:00:00Z'), '2026-11-25T07:00:00.000Z', '2026-11-26T07:00:00.000Z'],
    ['0 8 * * 1-5', 'Europe/Berlin', at('2026-11-25T06:59:59.999Z'), '2026-11-24T07:00:00.000Z', '2026-11-25T07:00:00.000Z'],
    ['0 8 * * 1-5', 'Europe/Berlin', at('2026-11-28T10:00:00Z'), '2026-11-27T07:00:00.000Z', '2026-11-30T07:00:00.000Z'],
    ['0 8 * * *', 'UTC', NOW, '2026-11-25T08:00:00.000Z', '2026-11-26T08:00:00.000Z'],
    ['0 8 * * *', 'Europe/Berlin', at('2026-10-24T10:00:00Z'), '2026-10-24T06:00:00.000Z', '2026-10-25T07:00:00.000Z'],
    ['*/15 * * * * *', 'UTC', at('2026-11-25T08:00:20Z'), '2026-11-25T08:00:15.000Z', '2026-11-25T08:00:30.000Z'],
  ])('%s in %s at %s: previous %s, next %s', (cron, timezone, now, previous, next) => {
    expect(previousTick(cron, timezone, now)?.toISOString()).toBe(previous);
    expect(nextTick(cron, timezone, now).toISOString()).toBe(next);
  });

  it('has no previous tick for an unusable expression', () => {
    expect(previousTick('61 * * * *', 'UTC', NOW)).toBeNull();
    expect(previousTick('0 8 * * *', 'Mars/Olympus', NOW)).toBeNull();
  });

  it('keys a run by rule and tick', () => {
    expect(tickKey(42, at('2026-11-25T07:00:00Z'))).toBe('42@2026-11-25T07:00:00.000Z');
    expect(tickKey('digest', at('2026-11-25T07:00:00Z'))).toBe('digest@2026-11-25T07:00:00.000Z');
  });

  it.each([
    ['0 8 * * 1-5', null],
    ['*/5 * * * * *', null],
    ['0 8 * *', 'has 4'],
    ['0 8 * * 8', 'constraint error'],
  ])('checkCron(%j)', (cron, problem) => {
    const verdict = checkCron(cron);
    if (problem === null) expect(verdict).toBeNull();
    else expect(verdict).toContain(problem);
  });

  it.each([['UTC', true], ['Europe/Berlin', true], ['Europe/Berlim', false], ['', false]])('isValidTimeZone(%j) is %s', (timezone, valid) => {
    expect(isValidTimeZone(timezone)).toBe(valid);
  });

  // Daily at 08:00 Berlin = 07:00Z in November.
  const TICK = '2026-11-25T07:00:00.000Z';
  it.each<[string, string | null, string, 'skip' | 'runOnce', number | undefined, string[]]>([
    ['on time', '2026-11-24T07:00:00Z', '2026-11-25T07:00:20Z', 'runOnce', undefined, [TICK]],
    ['on time, skip policy', '2026-11-24T07:00:00Z', '2026-11-25T07:00:20Z', 'skip', undefined, [TICK]],
    ['already ran', TICK, '2026-11-25T08:00:00Z', 'runOnce', undefined, []],
    ['between ticks', TICK, '2026-11-25T23:00:00Z', 'runOnce', undefined, []],
    ['after four days down: the latest tick only', '2026-11-21T07:00:00Z', '2026-11-25T08:00:00Z', 'runOnce', undefined, [TICK]],
    ['after four days down, skip policy', '2026-11-21T07:00:00Z', '2026-11-25T08:00:00Z', 'skip', undefined, []],
    ['back up within the grace, skip policy', '2026-11-21T07:00:00Z', '2026-11-25T07:00:45Z', 'skip', undefined, [TICK]],
    ['back up with a wider grace, skip policy', '2026-11-21T07:00:00Z', '2026-11-25T08:00:00Z', 'skip', 2 * 3_600_000, [TICK]],
    ['never ran: past ticks are history', null, '2026-11-25T08:00:00Z', 'runOnce', undefined, []],
    ['never ran, a tick just now', null, '2026-11-25T07:00:10Z', 'runOnce', undefined, [TICK]],
  ])('%s', (_name, lastRunTick, now, catchUp, graceMs, expected) => {
    const ticks = ticksToRun({ cron: '0 8 * * *', timezone: 'Europe/Berlin', lastRunTick: lastRunTick ? at(lastRunTick) : null, now: at(now), catchUp, graceMs });
    expect(ticks.map((t) => t.toISOString())).toEqual(expected);
  });

  it('runs nothing for an invalid expression', () => {
    expect(ticksToRun({ cron: 'nonsense', timezone: 'UTC', lastRunTick: null, now: NOW, catchUp: 'runOnce' })).toEqual([]);
  });
});

describe('time windows', () => {
  const tat = { field: 'receivedAt', olderThanHours: { field: 'tatHours' } };
  it.each<[string, unknown, { field: string; olderThanHours: number | { field: string } }, string | null, boolean]>([
    ['hours from the record, due right now', { receivedAt: '2026-11-23T08:00:00Z', tatHours: 48 }, tat, '2026-11-25T08:00:00.000Z', true],
    ['hours from the record, not yet due', { receivedAt: '2026-11-23T08:00:00Z', tatHours: 49 }, tat, '2026-11-25T09:00:00.000Z', false],
    ['a Date value and fixed hours', { receivedAt: at('2026-11-24T08:00:00Z') }, { field: 'receivedAt', olderThanHours: 12 }, '2026-11-24T20:00:00.000Z', true],
    ['hours as a numeric string', { receivedAt: '2026-11-24T08:00:00Z', tatHours: '2' }, tat, '2026-11-24T10:00:00.000Z', true],
    ['no date', { receivedAt: null, tatHours: 48 }, tat, null, false],
    ['no hours', { receivedAt: '2026-11-23T08:00:00Z', tatHours: null }, tat, null, false],
    ['a date that is not one', { receivedAt: 'soon', tatHours: 1 }, tat, null, false],
    ['a nested date', { customer: { lastSeenAt: '2026-11-20T00:00:00Z' } }, { field: 'customer.lastSeenAt', olderThanHours: 0 }, '2026-11-20T00:00:00.000Z', true],
  ])('%s', (_name, record, trigger, due, overdue) => {
    expect(dueAt(record, trigger)?.toISOString() ?? null).toBe(due);
    expect(isOverdue(record, trigger, NOW)).toBe(overdue);
  });

  const DUE = at('2026-11-23T08:00:00Z');
  it.each<['once' | 'daily' | 'perDueDate', string, string, string]>([
    ['once', 'Europe/Berlin', '2026-11-25T08:00:00Z', 'once'],
    ['perDueDate', 'Europe/Berlin', '2026-11-25T08:00:00Z', 'due:2026-11-23T08:00:00.000Z'],
    ['daily', 'Europe/Berlin', '2026-11-25T22:59:59Z', '2026-11-25'],
    ['daily', 'Europe/Berlin', '2026-11-25T23:00:00Z', '2026-11-26'],
    ['daily', 'UTC', '2026-11-25T23:00:00Z', '2026-11-25'],
    ['daily', 'Europe/Berlin', '2026-07-01T21:59:59Z', '2026-07-01'],
    ['daily', 'Europe/Berlin', '2026-07-01T22:00:00Z', '2026-07-02'],
    ['daily', 'America/Los_Angeles', '2026-11-26T07:59:59Z', '2026-11-25'],
    ['daily', 'Pacific/Auckland', '2026-11-25T11:00:00Z', '2026-11-26'],
  ])('%s in %s at %s -> %s', (repeat, timezone, now, key) => {
    expect(windowKey(repeat, { dueAt: DUE, now: at(now), timezone })).toBe(key);
  });
});
