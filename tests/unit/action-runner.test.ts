/*
 * The action-run loop with plain functions: it claims up to its concurrency, completes every run
 * (also one that throws), releases what a timed-out stop leaves in flight, and renews held runs.
 */
import { createActionRunner, type ActionRunnerDeps } from '../../server/src/events/action-runner';

type Outcome = { ok: boolean; error?: string };
const options = { concurrency: 2, pollIntervalMs: 10, maintenanceIntervalMs: 20, stopTimeoutMs: 200 };

function harness(jobs: number[], run: (job: number) => Promise<Outcome>) {
  const queue = [...jobs];
  const completed: [number, Outcome][] = [];
  const released: number[] = [];
  const held: number[][] = [];
  const errors: string[] = [];
  let maxInFlight = 0;
  let inFlight = 0;
  const deps: ActionRunnerDeps<number, Outcome> = {
    claim: async (limit) => queue.splice(0, limit),
    run: async (job) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        return await run(job);
      } finally {
        inFlight -= 1;
      }
    },
    runFailed: (_job, error) => ({ ok: false, error: (error as Error).message }),
    complete: async (job, outcome) => void completed.push([job, outcome]),
    release: async (list) => void released.push(...list),
    maintenance: async (list) => void held.push(list),
    onError: (error, where) => void errors.push(`${where}: ${(error as Error).message}`),
  };
  return { deps, completed, released, held, errors, maxInFlight: () => maxInFlight };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

it('runs every job once, never more than its concurrency at a time, and completes a throwing one as failed', async () => {
  const h = harness([1, 2, 3, 4, 5], async (job) => {
    await new Promise((r) => setTimeout(r, 10));
    if (job === 3) throw new Error('receiver exploded');
    return { ok: true };
  });
  const runner = createActionRunner(h.deps, options);
  runner.start();
  await until(() => h.completed.length === 5);
  await runner.stop();
  expect(h.completed.map(([job]) => job).sort()).toEqual([1, 2, 3, 4, 5]);
  expect(h.completed.find(([job]) => job === 3)![1]).toEqual({ ok: false, error: 'receiver exploded' });
  expect(h.maxInFlight()).toBe(2);
  expect(h.released).toEqual([]);
});

it('tells maintenance which runs it holds, and releases what a timed-out stop leaves in flight', async () => {
  const h = harness([7], () => new Promise<Outcome>(() => undefined)); // a receiver that never answers
  const runner = createActionRunner(h.deps, options);
  runner.start();
  await until(() => h.held.some((list) => list.includes(7)));
  await runner.stop();
  expect(h.released).toEqual([7]);
  expect(h.completed).toEqual([]);
});

it('releases a run whose result cannot be written, and keeps running', async () => {
  const h = harness([1, 2], async () => ({ ok: true }));
  const complete = h.deps.complete;
  h.deps.complete = async (job, outcome) => {
    if (job === 1) throw new Error('database gone');
    return complete(job, outcome);
  };
  const runner = createActionRunner(h.deps, options);
  runner.start();
  await until(() => h.completed.length === 1 && h.released.length === 1);
  await runner.stop();
  expect(h.released).toEqual([1]);
  expect(h.errors).toEqual(['complete: database gone']);
});

it('a wake claims at once instead of waiting for the poll', async () => {
  const h = harness([], async () => ({ ok: true }));
  const queue: number[] = [];
  h.deps.claim = async (limit) => queue.splice(0, limit);
  const runner = createActionRunner(h.deps, { ...options, pollIntervalMs: 60_000 });
  runner.start();
  await new Promise((r) => setTimeout(r, 20));
  queue.push(9);
  runner.wake();
  await until(() => h.completed.length === 1);
  await runner.stop();
});
