/*
 * The action-run loop, built only from injected functions (claim, run, complete, release, maintenance),
 * so it knows nothing of Strapi, HTTP or the database. It keeps up to `concurrency` runs in flight,
 * claims more as slots free up, writes each result as it comes, and on stop lets in-flight runs finish
 * (or releases them after `stopTimeoutMs`). A run that throws still gets a result from `runFailed`.
 */

export interface ActionRunnerDeps<Job, Outcome> {
  claim(limit: number): Promise<Job[]>;
  run(job: Job): Promise<Outcome>;
  /** The outcome of a run whose run() threw (a retryable failure with the error). */
  runFailed(job: Job, error: unknown): Outcome;
  complete(job: Job, outcome: Outcome): Promise<void>;
  /** Gives back claimed jobs without a written result (stop timed out, or complete() failed). */
  release(jobs: Job[]): Promise<void>;
  /** Periodic housekeeping (leases of the held jobs, expired leases of others). */
  maintenance(held: Job[]): Promise<void>;
  onError(error: unknown, where: string): void;
}

export interface ActionRunnerOptions {
  concurrency: number;
  pollIntervalMs: number;
  maintenanceIntervalMs: number;
  stopTimeoutMs: number;
}

export interface ActionRunner {
  start(): void;
  stop(): Promise<void>;
  /** Look for due runs now (runs were just queued in this process). */
  wake(): void;
  stats(): { inFlight: number; completed: number; running: boolean };
}

export function createActionRunner<Job, Outcome>(deps: ActionRunnerDeps<Job, Outcome>, options: ActionRunnerOptions): ActionRunner {
  let running = false;
  let loopDone: Promise<void> = Promise.resolve();
  const inFlight = new Set<Job>();
  const pending = new Set<Promise<void>>();
  let completed = 0;
  let wakeUp: (() => void) | null = null;
  let wakeRequested = false;
  let timer: NodeJS.Timeout | null = null;
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
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        wakeUp = null;
        wakeRequested = false;
        resolve();
      }
      wakeUp = done;
    });
  }

  async function settle(job: Job): Promise<void> {
    let outcome: Outcome;
    try {
      outcome = await deps.run(job);
    } catch (error) {
      outcome = deps.runFailed(job, error);
    }
    try {
      await deps.complete(job, outcome);
      completed += 1;
    } catch (error) {
      deps.onError(error, 'complete');
      await deps.release([job]).catch((e) => deps.onError(e, 'release'));
    }
  }

  function launch(job: Job) {
    inFlight.add(job);
    const task = settle(job).finally(() => {
      inFlight.delete(job);
      pending.delete(task);
      wake();
    });
    pending.add(task);
  }

  async function loop() {
    while (running) {
      const free = options.concurrency - inFlight.size;
      if (free <= 0) {
        await sleep(options.pollIntervalMs);
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
      if (claimed.length < free) await sleep(options.pollIntervalMs);
    }
  }

  async function maintenance() {
    if (maintaining) return;
    maintaining = true;
    try {
      await deps.maintenance([...inFlight]);
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
      timer = setInterval(maintenance, options.maintenanceIntervalMs);
      timer.unref?.();
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
      if (timer) clearInterval(timer);
      if (timedOut && inFlight.size) await deps.release([...inFlight]).catch((error) => deps.onError(error, 'release'));
    },
    wake,
    stats: () => ({ inFlight: inFlight.size, completed, running }),
  };
}
