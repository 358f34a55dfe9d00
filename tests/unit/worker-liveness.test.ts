/*
 * Which delivery workers count as gone (their leases are taken over at once): a recorded stop, three
 * missed heartbeats, and on the observer's own host an exited process or a process id now held by a
 * newer process; and the cases that must stay alive (same host name on another host, a sibling in the
 * observer's own process, a slow beat, no local view).
 */
import { goneWorkers, workerGone, type LocalView, type WorkerFacts } from '../../server/src/core/outbox/worker-liveness';

const now = Date.parse('2026-12-01T10:00:00Z');
const ago = (ms: number) => new Date(now - ms).toISOString();
const HEARTBEAT = 10_000;

const local: LocalView = { hostKey: 'host-a', pid: 100, processStartedAt: now - 20_000, exitedPids: new Set([42]) };
const fresh: WorkerFacts = { instanceId: 'w', hostKey: 'host-b', pid: 42, startedAt: ago(3_600_000), lastBeatAt: ago(1000), stoppedAt: null };

describe('workerGone', () => {
  it.each<[string, Partial<WorkerFacts>, LocalView | null, string | null]>([
    ['a worker that beat a second ago is alive', {}, local, null],
    ['a worker that recorded its stop is gone', { stoppedAt: ago(500) }, local, 'stopped'],
    ['three missed beats and a bit: gone', { lastBeatAt: ago(30_001) }, local, 'silent'],
    ['exactly three missed beats: still alive (a slow beat is not a dead one)', { lastBeatAt: ago(30_000) }, local, null],
    ['silent, seen from no host: gone all the same', { lastBeatAt: ago(60_000) }, null, 'silent'],
    ['its process on this host has exited: gone at once, though it beat a second ago', { hostKey: 'host-a' }, local, 'exited'],
    ['the same process id on another host (another host key) is not this host\'s process', { hostKey: 'host-b' }, local, null],
    ['an unknown host key is never taken for this host', { hostKey: null }, local, null],
    ['without a local view, an exited process is not known', { hostKey: 'host-a' }, null, null],
    ['a running process on this host is alive', { hostKey: 'host-a', pid: 43 }, local, null],
    ['this process id, started before this process began: a predecessor, gone', { hostKey: 'host-a', pid: 100, startedAt: ago(60_000) }, local, 'replaced'],
    ['this process id, started after this process began: a sibling in this process, alive', { hostKey: 'host-a', pid: 100, startedAt: ago(5_000) }, local, null],
    ['this process id without a start time: alive', { hostKey: 'host-a', pid: 100, startedAt: null }, local, null],
  ])('%s', (_name, patch, view, reason) => {
    expect(workerGone({ ...fresh, ...patch }, view, HEARTBEAT, now)?.reason ?? null).toBe(reason);
  });

  it('explains why, in words for the attempt history', () => {
    expect(workerGone({ ...fresh, hostKey: 'host-a' }, local, HEARTBEAT, now)?.explanation).toBe('its process 42 on this host has exited');
    expect(workerGone({ ...fresh, lastBeatAt: ago(45_400) }, local, HEARTBEAT, now)?.explanation).toBe('it has written no heartbeat for 45 s');
    expect(workerGone({ ...fresh, hostKey: 'host-a', pid: 100, startedAt: ago(60_000) }, local, HEARTBEAT, now)?.explanation).toBe(
      'its process 100 on this host was replaced by a newer one',
    );
  });
});

it('goneWorkers keeps the gone ones with their reason, in order', () => {
  const workers = [
    { ...fresh, instanceId: 'alive' },
    { ...fresh, instanceId: 'exited', hostKey: 'host-a' },
    { ...fresh, instanceId: 'silent', lastBeatAt: ago(40_000) },
  ];
  expect(goneWorkers(workers, local, HEARTBEAT, now).map(({ worker, gone }) => [worker.instanceId, gone.reason])).toEqual([
    ['exited', 'exited'],
    ['silent', 'silent'],
  ]);
});
