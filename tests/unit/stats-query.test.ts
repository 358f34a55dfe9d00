/* The Overview's stats query: defaults, UTC buckets, caps and refusals naming the field, filling the buckets. */
import { circuitState } from '../../server/src/core/routing/circuit-breaker';
import { fillBuckets, statsQuerySchema, statsWindow, totalsOf, type StatsWindow } from '../../server/src/core/outbox/stats-query';

const NOW = new Date('2026-11-25T10:17:00Z');
const windowOf = (query: Record<string, string>) => {
  const parsed = statsQuerySchema.safeParse(query);
  if (!parsed.success) throw new Error(parsed.error.message);
  const result = statsWindow(parsed.data, NOW);
  if ('problems' in result) throw new Error(JSON.stringify(result.problems));
  return result.window;
};
const problemsOf = (query: Record<string, string>) => {
  const parsed = statsQuerySchema.safeParse(query);
  if (!parsed.success) return parsed.error.issues.map((i) => i.path.join('.'));
  const result = statsWindow(parsed.data, NOW);
  return 'problems' in result ? result.problems.map((p) => `${p.path}: ${p.message}`) : [];
};

describe('stats window', () => {
  it('shows the last 48 hours by default, the current hour last', () => {
    const window = windowOf({});
    expect(window).toMatchObject({ bucket: 'hour', count: 48, mailbox: null, taskGroup: null });
    expect(window.to.toISOString()).toBe('2026-11-25T11:00:00.000Z');
    expect(window.from.toISOString()).toBe('2026-11-23T11:00:00.000Z');
  });

  it('shows the last 30 days by day, whole UTC days', () => {
    const window = windowOf({ bucket: 'day' });
    expect(window.count).toBe(30);
    expect(window.to.toISOString()).toBe('2026-11-26T00:00:00.000Z');
    expect(window.from.toISOString()).toBe('2026-10-27T00:00:00.000Z');
  });

  it('widens a given window to whole buckets and keeps the filters', () => {
    const window = windowOf({ from: '2026-11-20T08:30:00Z', to: '2026-11-20T10:05:00Z', mailbox: 'Support', taskGroup: 'billing' });
    expect([window.from.toISOString(), window.to.toISOString(), window.count]).toEqual(['2026-11-20T08:00:00.000Z', '2026-11-20T11:00:00.000Z', 3]);
    expect(window).toMatchObject({ mailbox: 'Support', taskGroup: 'billing' });
  });

  it('refuses a bad bucket, bad dates and unknown parameters, naming each', () => {
    expect(problemsOf({ bucket: 'week', from: 'yesterday', to: '2026-13-45', extra: '1' }).sort()).toEqual(['', 'bucket', 'from', 'to']);
  });

  it('refuses an empty window and one longer than the cap, on `from`', () => {
    expect(problemsOf({ from: '2026-11-25T00:00:00Z', to: '2026-11-24T00:00:00Z' })).toEqual(['from: must be before `to` (the window is empty)']);
    expect(problemsOf({ from: '2026-10-01T00:00:00Z', to: '2026-11-25T00:00:00Z' })[0]).toMatch(/^from: hour buckets cover at most 31 days.*1320 hours/);
    expect(problemsOf({ bucket: 'day', from: '2026-10-01T00:00:00Z', to: '2026-11-25T00:00:00Z' })).toEqual([]);
    expect(problemsOf({ bucket: 'day', from: '2024-10-01T00:00:00Z', to: '2026-11-25T00:00:00Z' })[0]).toMatch(/^from: day buckets cover at most 366 days/);
  });
});

describe('filling buckets', () => {
  const window: StatsWindow = { bucket: 'hour', bucketMs: 3_600_000, from: new Date('2026-11-25T08:00:00Z'), to: new Date('2026-11-25T11:00:00Z'), count: 3, mailbox: null, taskGroup: null };

  it('puts each grouped count in its bucket and zero elsewhere', () => {
    const buckets = fillBuckets(window, [
      { series: 'sent', index: 0, count: 4 },
      { series: 'bounced', index: 2, count: 1 },
      { series: 'failed', index: 2, count: 2 },
      { series: 'queued', index: 1, count: 3 },
    ]);
    expect(buckets).toEqual([
      { at: '2026-11-25T08:00:00.000Z', sent: 4, failed: 0, bounced: 0, queued: 0 },
      { at: '2026-11-25T09:00:00.000Z', sent: 0, failed: 0, bounced: 0, queued: 3 },
      { at: '2026-11-25T10:00:00.000Z', sent: 0, failed: 2, bounced: 1, queued: 0 },
    ]);
    expect(totalsOf(buckets)).toEqual({ sent: 4, failed: 2, bounced: 1, queued: 3 });
  });

  it('ignores an index outside the window', () => {
    expect(totalsOf(fillBuckets(window, [{ series: 'sent', index: 3, count: 9 }]))).toEqual({ sent: 0, failed: 0, bounced: 0, queued: 0 });
  });
});

describe('circuit state', () => {
  it('is closed without a deadline, open before it, half-open after it until a success', () => {
    expect(circuitState({ consecutiveFailures: 0, circuitOpenUntil: null }, NOW)).toBe('closed');
    expect(circuitState({ consecutiveFailures: 3, circuitOpenUntil: new Date(NOW.getTime() + 1000) }, NOW)).toBe('open');
    expect(circuitState({ consecutiveFailures: 3, circuitOpenUntil: new Date(NOW.getTime() - 1000) }, NOW)).toBe('half-open');
  });
});
