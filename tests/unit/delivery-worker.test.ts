/*
 * The delivery loop with plain injected functions (it is built to take them): concurrency cap,
 * batch flushing, wake-up, a delivery that throws (its failure result, or the job released), the jobs
 * it tells maintenance it holds (their leases are renewed), and a stop that waits for in-flight work
 * or releases it.
 */
import { createDeliveryWorker } from '../../server/src/outbox/delivery-worker';

interface Result {
  job: number;
  error?: string;
}

interface Setup {
  jobs: number;
  deliverMs: number;
  concurrency: number;
  stopTimeoutMs?: number;
  pollIntervalMs?: number;
  /** Jobs whose deliver() throws. */
  crashing?: number[];
  deliveryFailed?: (job: number, error: unknown) => Result;
  maintenanceIntervalMs?: number;
  /** How many flushes fail before they succeed. */
  failingFlushes?: number;
}

function setup(opts: Setup) {
  let next = 0;
  let queue = opts.jobs;
  let claims = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const flushed: Result[][] = [];
  const released: number[] = [];
  const errors: [string, string][] = [];
  let failingFlushes = opts.failingFlushes ?? 0;
  /** What each maintenance was told it holds, and how many jobs were in flight then. */
  const maintained: { held: number[]; inFlight: number }[] = [];
  const worker = createDeliveryWorker<number, Result>(
    {
      claim: async (limit) => {
        claims += 1;
        const n = Math.min(limit, queue);
        queue -= n;
        return Array.from({ length: n }, () => next++);
      },
      deliver: async (job) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, opts.deliverMs));
        inFlight -= 1;
        if (opts.crashing?.includes(job)) throw new Error(`job ${job} crashed`);
        return { job };
      },
      deliveryFailed: opts.deliveryFailed ?? ((job, error) => ({ job, error: (error as Error).message })),
      flush: async (results) => {
        if (failingFlushes > 0) {
          failingFlushes -= 1;
          throw new Error('database away');
        }
        flushed.push(results);
      },
      release: async (jobs) => void released.push(...jobs),
      maintenance: async (held) => void maintained.push({ held: [...held].sort((a, b) => a - b), inFlight: worker.stats().inFlight }),
      onError: (error, where) => void errors.push([where, (error as Error).message]),
    },
    {
      concurrency: opts.concurrency,
      pollIntervalMs: opts.pollIntervalMs ?? 20,
      flushIntervalMs: 10,
      maintenanceIntervalMs: opts.maintenanceIntervalMs ?? 1000,
      stopTimeoutMs: opts.stopTimeoutMs ?? 5000,
    },
  );
  return {
    worker,
    addJobs: (n: number) => (queue += n),
    claims: () => claims,
    flushedResults: () => flushed.flat().sort((a, b) => a.job - b.job),
    flushedJobs: () => flushed.flat().map((r) => r.job).sort((a, b) => a - b),
    flushCount: () => flushed.length,
    maxInFlight: () => maxInFlight,
    released,
    errors,
    maintained,
  };
}

/** Runs `body` with the worker started, and stops it afterwards also when `body` fails. */
async function whileRunning(t: ReturnType<typeof setup>, body: () => Promise<void>): Promise<void> {
  t.worker.start();
  try {
    await body();
  } finally {
    await t.worker.stop();
  }
}

/** Waits for `done`, failing the test when it does not happen within `timeoutMs`. */
async function until(done: () => boolean, timeoutMs = 1000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not done within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

it('delivers every job once, never more than `concurrency` at a time, flushing in batches', async () => {
  const t = setup({ jobs: 200, deliverMs: 2, concurrency: 8 });
  await whileRunning(t, () => until(() => t.flushedJobs().length === 200, 10_000));
  expect(t.flushedJobs()).toEqual(Array.from({ length: 200 }, (_, i) => i));
  expect(t.maxInFlight()).toBeLessThanOrEqual(8);
  expect(t.flushCount()).toBeLessThan(200);
  expect(t.errors).toEqual([]);
});

it('picks up new work at once when woken, without waiting for the poll interval', async () => {
  const t = setup({ jobs: 0, deliverMs: 1, concurrency: 4, pollIntervalMs: 60_000 });
  await whileRunning(t, async () => {
    await until(() => t.claims() === 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(t.claims()).toBe(1); // found nothing and sleeps for the poll interval
    t.addJobs(3);
    t.worker.wake();
    await until(() => t.flushedJobs().length === 3);
  });
  expect(t.flushedJobs()).toEqual([0, 1, 2]);
});

it('turns a delivery that throws into its failure result, flushed and counted with the others', async () => {
  const t = setup({ jobs: 4, deliverMs: 1, concurrency: 2, crashing: [2] });
  await whileRunning(t, () => until(() => t.flushedJobs().length === 4));
  expect(t.flushedResults()).toEqual([{ job: 0 }, { job: 1 }, { job: 2, error: 'job 2 crashed' }, { job: 3 }]);
  expect(t.worker.stats().delivered).toBe(4);
  expect(t.errors).toEqual([['deliver', 'job 2 crashed']]);
  expect(t.released).toEqual([]);
});

it('releases a job whose failed delivery cannot be turned into a result', async () => {
  const deliveryFailed = () => {
    throw new Error('no result');
  };
  const t = setup({ jobs: 3, deliverMs: 1, concurrency: 3, crashing: [1], deliveryFailed });
  await whileRunning(t, () => until(() => t.flushedJobs().length === 2 && t.released.length === 1));
  expect(t.flushedJobs()).toEqual([0, 2]);
  expect(t.released).toEqual([1]);
  expect(t.errors).toEqual([['deliver', 'job 1 crashed'], ['deliveryFailed', 'no result']]);
  expect(t.worker.stats()).toMatchObject({ delivered: 2, inFlight: 0 });
});

it('tells maintenance the jobs it holds: in flight, or with a result not written yet, until written', async () => {
  const t = setup({ jobs: 2, deliverMs: 100, concurrency: 2, maintenanceIntervalMs: 5, failingFlushes: 4 });
  await whileRunning(t, async () => {
    await until(() => t.flushedJobs().length === 2);
    await until(() => t.maintained.at(-1)?.held.length === 0);
  });
  expect(t.maintained).toContainEqual({ held: [0, 1], inFlight: 2 });
  expect(t.maintained).toContainEqual({ held: [0, 1], inFlight: 0 }); // delivered, the write failing
  expect(t.errors).toContainEqual(['flush', 'database away']);
});

it('lets in-flight work finish on stop, or releases it after the stop timeout', async () => {
  const patient = setup({ jobs: 4, deliverMs: 50, concurrency: 4 });
  patient.worker.start();
  await new Promise((r) => setTimeout(r, 10));
  await patient.worker.stop();
  expect(patient.flushedJobs()).toEqual([0, 1, 2, 3]);
  expect(patient.released).toEqual([]);

  const hurried = setup({ jobs: 2, deliverMs: 500, concurrency: 2, stopTimeoutMs: 20 });
  hurried.worker.start();
  await new Promise((r) => setTimeout(r, 10));
  await hurried.worker.stop();
  expect(hurried.released.sort()).toEqual([0, 1]);
});
