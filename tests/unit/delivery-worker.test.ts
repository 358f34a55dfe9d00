/*
 * The delivery loop with plain injected functions (it is built to take them): concurrency cap,
 * batch flushing, wake-up, and a stop that waits for in-flight work or releases it.
 */
import { createDeliveryWorker } from '../../server/src/outbox/delivery-worker';

function setup(opts: { jobs: number; deliverMs: number; concurrency: number; stopTimeoutMs?: number }) {
  let next = 0;
  let queue = opts.jobs;
  let inFlight = 0;
  let maxInFlight = 0;
  const flushed: number[][] = [];
  const released: number[] = [];
  const worker = createDeliveryWorker<number, number>(
    {
      claim: async (limit) => {
        const n = Math.min(limit, queue);
        queue -= n;
        return Array.from({ length: n }, () => next++);
      },
      deliver: async (job) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, opts.deliverMs));
        inFlight -= 1;
        return job;
      },
      flush: async (results) => void flushed.push(results),
      release: async (jobs) => void released.push(...jobs),
      maintenance: async () => undefined,
      onError: (error) => {
        throw error;
      },
    },
    { concurrency: opts.concurrency, pollIntervalMs: 20, flushIntervalMs: 10, maintenanceIntervalMs: 1000, stopTimeoutMs: opts.stopTimeoutMs ?? 5000 },
  );
  return {
    worker,
    addJobs: (n: number) => (queue += n),
    flushedJobs: () => flushed.flat().sort((a, b) => a - b),
    flushCount: () => flushed.length,
    maxInFlight: () => maxInFlight,
    released,
  };
}

it('delivers every job once, never more than `concurrency` at a time, flushing in batches', async () => {
  const t = setup({ jobs: 200, deliverMs: 2, concurrency: 8 });
  t.worker.start();
  while (t.flushedJobs().length < 200) await new Promise((r) => setTimeout(r, 10));
  await t.worker.stop();
  expect(t.flushedJobs()).toEqual(Array.from({ length: 200 }, (_, i) => i));
  expect(t.maxInFlight()).toBeLessThanOrEqual(8);
  expect(t.flushCount()).toBeLessThan(200);
});

it('picks up new work at once when woken, without waiting for the poll interval', async () => {
  const t = setup({ jobs: 0, deliverMs: 1, concurrency: 4 });
  t.worker.start();
  await new Promise((r) => setTimeout(r, 30));
  t.addJobs(3);
  t.worker.wake();
  const started = Date.now();
  while (t.flushedJobs().length < 3) await new Promise((r) => setTimeout(r, 2));
  expect(Date.now() - started).toBeLessThan(200);
  await t.worker.stop();
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
