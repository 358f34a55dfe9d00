/*
 * The delivery loop, built only from injected functions (claim, deliver, deliveryFailed, flush, release,
 * maintenance), so it knows nothing of Strapi, SMTP or the database. It keeps up to `concurrency`
 * deliveries in flight, claims more as slots free up, writes results in batches every `flushIntervalMs`,
 * and on stop lets in-flight sends finish (or releases them after `stopTimeoutMs`). A delivery that throws
 * still ends with a result (from `deliveryFailed`), or its job is released: no claimed job is stranded.
 * Its periodic maintenance is told which claimed jobs it still holds, so their leases can be renewed.
 */

export interface DeliveryWorkerDeps<Job, Result> {
  claim(limit: number): Promise<Job[]>;
  deliver(job: Job): Promise<Result>;
  /** The result for a job whose deliver() threw (back to the queue, with the error); it is flushed like any other. */
  deliveryFailed(job: Job, error: unknown): Result;
  flush(results: Result[]): Promise<void>;
  /**
   * Gives back claimed jobs that have no result (so another instance can take them): still in flight
   * when a stop times out, or whose failed delivery deliveryFailed could not turn into a result.
   */
  release(jobs: Job[]): Promise<void>;
  /** Periodic housekeeping (heartbeat, leases), given the claimed jobs whose result is not written yet. */
  maintenance(held: Job[]): Promise<void>;
  onError(error: unknown, where: string): void;
}

export interface DeliveryWorkerOptions {
  concurrency: number;
  pollIntervalMs: number;
  flushIntervalMs: number;
  maintenanceIntervalMs: number;
  stopTimeoutMs: number;
}

export interface DeliveryWorker {
  start(): void;
  stop(): Promise<void>;
  /** Look for due messages now (a message was just enqueued in this process). */
  wake(): void;
  stats(): { inFlight: number; delivered: number; running: boolean };
}

export function createDeliveryWorker<Job, Result>(deps: DeliveryWorkerDeps<Job, Result>, options: DeliveryWorkerOptions): DeliveryWorker {
  let running = false;
  let loopDone: Promise<void> = Promise.resolve();
  const inFlight = new Set<Job>();
  const pending = new Set<Promise<void>>();
  let results: { job: Job; result: Result }[] = [];
  let writing: Job[] = [];
  let delivered = 0;
  let wakeUp: (() => void) | null = null;
  let wakeRequested = false;
  let flushing: Promise<void> | null = null;
  let timers: NodeJS.Timeout[] = [];
  let maintaining = false;

  const wake = () => {
    wakeRequested = true;
    wakeUp?.();
  };

  function sleep(ms: number): Promise<void> {
    if (wakeRequested) {
      wakeRequested = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        wakeRequested = false;
        resolve();
      }
      wakeUp = done;
    });
  }

  /** Records the job's result, also when deliver() throws; a job left without one is released. */
  async function settle(job: Job): Promise<void> {
    let result: Result;
    try {
      result = await deps.deliver(job);
    } catch (error) {
      deps.onError(error, 'deliver');
      try {
        result = deps.deliveryFailed(job, error);
      } catch (failure) {
        deps.onError(failure, 'deliveryFailed');
        await deps.release([job]).catch((e) => deps.onError(e, 'release'));
        return;
      }
    }
    results.push({ job, result });
    delivered += 1;
  }

  function launch(job: Job) {
    inFlight.add(job);
    const task = settle(job).finally(() => {
      inFlight.delete(job);
      pending.delete(task);
      if (options.concurrency - inFlight.size === minBatch) wake();
    });
    pending.add(task);
  }

  // Claim in batches of at least half the slots: one claim query per freed slot would make the
  // database, not SMTP, the bottleneck (a claim costs about as much as several sends).
  const minBatch = Math.max(1, Math.floor(options.concurrency / 2));

  async function loop() {
    while (running) {
      const free = options.concurrency - inFlight.size;
      if (free < minBatch && inFlight.size > 0) {
        await sleep(options.pollIntervalMs); // woken as soon as enough slots are free
        continue;
      }
      let claimed: Job[] = [];
      try {
        claimed = await deps.claim(free);
      } catch (error) {
        deps.onError(error, 'claim');
      }
      if (!running) {
        if (claimed.length) await deps.release(claimed).catch((error) => deps.onError(error, 'release'));
        break;
      }
      claimed.forEach(launch);
      if (claimed.length < free) await sleep(options.pollIntervalMs); // nothing more is due right now
    }
  }

  function flush(): Promise<void> {
    if (flushing || results.length === 0) return flushing ?? Promise.resolve();
    const batch = results;
    results = [];
    writing = batch.map((entry) => entry.job);
    flushing = deps
      .flush(batch.map((entry) => entry.result))
      .catch((error) => {
        // Keep the results: they are written at the next tick (the messages stay leased meanwhile).
        results = [...batch, ...results];
        deps.onError(error, 'flush');
      })
      .finally(() => {
        flushing = null;
        writing = [];
      });
    return flushing;
  }

  /** Claimed jobs without a written result: in flight, being written, or waiting for the next flush. */
  const held = () => [...new Set([...inFlight, ...writing, ...results.map((entry) => entry.job)])];

  async function maintenance() {
    if (maintaining) return;
    maintaining = true;
    try {
      await deps.maintenance(held());
    } catch (error) {
      deps.onError(error, 'maintenance');
    } finally {
      maintaining = false;
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      timers = [setInterval(flush, options.flushIntervalMs), setInterval(maintenance, options.maintenanceIntervalMs)];
      timers.forEach((t) => t.unref?.());
      void maintenance();
      loopDone = loop();
    },
    async stop() {
      if (!running) return;
      running = false;
      wake();
      await loopDone;
      const settled = Promise.all([...pending]);
      const timedOut = await Promise.race([settled.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), options.stopTimeoutMs).unref?.())]);
      timers.forEach(clearInterval);
      await flushing;
      await flush();
      if (timedOut && inFlight.size) await deps.release([...inFlight]).catch((error) => deps.onError(error, 'release'));
    },
    wake,
    stats: () => ({ inFlight: inFlight.size, delivered, running }),
  };
}
