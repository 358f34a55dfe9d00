/*
 * The outbox health verdicts: each problem when it holds and not when it does not, at its threshold,
 * and which workers count as alive (by heartbeat, and by what this host sees of its processes) and
 * which mailboxes as failing.
 */
import { outboxHealth, type HealthInput, type OutboxProblem } from '../../server/src/core/outbox/outbox-health';

const now = Date.parse('2026-11-25T08:00:00Z');
const ago = (ms: number) => new Date(now - ms).toISOString();
const later = new Date(now + 60_000).toISOString();
type Worker = { instanceId: string; lastBeatAt: string };

const healthy: HealthInput<Worker> = {
  counts: { queued: 2, sending: 1 },
  oldestQueued: { ageSeconds: 60, waitingReason: null },
  workers: [{ instanceId: 'a', lastBeatAt: ago(1000) }],
  mailboxes: [{ name: 'Support', circuitOpenUntil: null }],
  stuckRuleRuns: [],
  thresholds: { heartbeatIntervalMs: 1000, stuckAfterMinutes: 15, stuckRunMinutes: 30 },
  now,
};

const NO_WORKER: OutboxProblem = { code: 'NO_WORKER', message: 'Messages are waiting but no delivery worker is running in any Strapi instance.' };
const NO_MAILBOX: OutboxProblem = { code: 'NO_MAILBOX', message: 'No outgoing mailbox is enabled: messages wait until one is added or enabled.' };

describe('outboxHealth problems', () => {
  it.each<[string, Partial<HealthInput<Worker>>, OutboxProblem[]]>([
    ['none when all is well', {}, []],
    ['NO_WORKER when messages wait and the last beat is older than three intervals', { workers: [{ instanceId: 'a', lastBeatAt: ago(3001) }] }, [NO_WORKER]],
    ['no NO_WORKER for a worker exactly three intervals quiet', { workers: [{ instanceId: 'a', lastBeatAt: ago(3000) }] }, []],
    ['NO_WORKER for a message being sent with no worker left', { counts: { sending: 1 }, workers: [] }, [NO_WORKER]],
    ['no NO_WORKER when nothing waits', { counts: { queued: 0, sending: 0 }, workers: [] }, []],
    ['NO_MAILBOX without an enabled outgoing mailbox', { mailboxes: [] }, [NO_MAILBOX]],
    [
      'ALL_MAILBOXES_FAILING when every circuit is open',
      { mailboxes: [{ name: 'Support', circuitOpenUntil: later }, { name: 'Billing', circuitOpenUntil: new Date(now + 1) }] },
      [{ code: 'ALL_MAILBOXES_FAILING', message: 'Every outgoing mailbox is failing (Support, Billing).' }],
    ],
    ['no ALL_MAILBOXES_FAILING while one mailbox works', { mailboxes: [{ name: 'Support', circuitOpenUntil: later }, { name: 'Billing', circuitOpenUntil: null }] }, []],
    ['no ALL_MAILBOXES_FAILING for a circuit that has closed again', { mailboxes: [{ name: 'Support', circuitOpenUntil: ago(1) }] }, []],
    ['QUEUE_STUCK past the threshold', { oldestQueued: { ageSeconds: 15 * 60 + 1, waitingReason: null } }, [{ code: 'QUEUE_STUCK', message: 'The oldest queued message has waited 15 minutes.' }]],
    [
      'QUEUE_STUCK with the reason the message waits',
      { oldestQueued: { ageSeconds: 21 * 60, waitingReason: 'Every outgoing mailbox is failing.' } },
      [{ code: 'QUEUE_STUCK', message: 'The oldest queued message has waited 21 minutes: Every outgoing mailbox is failing.' }],
    ],
    ['no QUEUE_STUCK at the threshold', { oldestQueued: { ageSeconds: 15 * 60, waitingReason: null } }, []],
    ['no QUEUE_STUCK with an empty queue', { oldestQueued: null }, []],
    [
      'RULE_RUN_STUCK naming the rules',
      { stuckRuleRuns: ['Morning digest', 'TAT scan'] },
      [{ code: 'RULE_RUN_STUCK', message: 'A schedule or time scan has been running for more than 30 minutes ("Morning digest", "TAT scan"); its instance may have stopped mid-run.' }],
    ],
    [
      'several at once, in a fixed order',
      { workers: [], mailboxes: [], oldestQueued: { ageSeconds: 3600, waitingReason: null }, stuckRuleRuns: ['Digest'] },
      [NO_WORKER, NO_MAILBOX, expect.objectContaining({ code: 'QUEUE_STUCK' }), expect.objectContaining({ code: 'RULE_RUN_STUCK' })],
    ],
  ])('%s', (_name, patch, expected) => {
    expect(outboxHealth({ ...healthy, ...patch }).problems).toEqual(expected);
  });
});

it('marks each worker alive or not and names the failing mailboxes', () => {
  const verdict = outboxHealth({
    ...healthy,
    workers: [{ instanceId: 'fresh', lastBeatAt: ago(500) }, { instanceId: 'gone', lastBeatAt: ago(10_000) }],
    mailboxes: [{ name: 'Support', circuitOpenUntil: later }, { name: 'Billing', circuitOpenUntil: null }],
  });
  expect(verdict.workers).toEqual([
    { instanceId: 'fresh', lastBeatAt: ago(500), alive: true },
    { instanceId: 'gone', lastBeatAt: ago(10_000), alive: false },
  ]);
  expect(verdict.failingMailboxes).toEqual(['Support']);
});

it('takes a worker whose process on this host has exited for down, though its last beat is recent', () => {
  const local = { hostKey: 'host-a', pid: 1, processStartedAt: now - 60_000, exitedPids: new Set([42]) };
  const workers = [{ instanceId: 'crashed', hostKey: 'host-a', pid: 42, lastBeatAt: ago(500) }];
  const verdict = outboxHealth({ ...healthy, workers, local });
  expect(verdict.workers.map((w) => w.alive)).toEqual([false]);
  expect(verdict.problems).toEqual([NO_WORKER]);
  expect(outboxHealth({ ...healthy, workers }).workers.map((w) => w.alive)).toEqual([true]);
});
