/*
 * The sweep of record firings, built only from injected functions so it knows nothing of Strapi or
 * the database: every `intervalMs` it finishes firings left pending by an instance that stopped
 * between a save's commit and the queueing, and every `cleanUpIntervalMs` it removes finished ones.
 * One sweep runs at a time; stop() waits for the one under way.
 */

export interface FiringSweeperDeps {
  /** Finishes the abandoned firings as of `now`; returns how many it took. */
  finishAbandoned(now: Date): Promise<number>;
  removeFinished(now: Date): Promise<unknown>;
  now(): Date;
  onError(error: unknown, where: string): void;
}

export interface FiringSweeperOptions {
  intervalMs: number;
  cleanUpIntervalMs: number;
}

export interface FiringSweeper {
  start(): void;
  stop(): Promise<void>;
  /** One sweep now (what the timer runs); resolves when it is done. */
  sweep(): Promise<void>;
}

export function createFiringSweeper(deps: FiringSweeperDeps, options: FiringSweeperOptions): FiringSweeper {
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> | null = null;
  let lastCleanUp = Number.NEGATIVE_INFINITY;

  async function run(): Promise<void> {
    const now = deps.now();
    try {
      await deps.finishAbandoned(now);
    } catch (error) {
      deps.onError(error, 'finishAbandoned');
    }
    if (now.getTime() - lastCleanUp < options.cleanUpIntervalMs) return;
    lastCleanUp = now.getTime();
    try {
      await deps.removeFinished(now);
    } catch (error) {
      deps.onError(error, 'removeFinished');
    }
  }

  function sweep(): Promise<void> {
    current ??= run().finally(() => {
      current = null;
    });
    return current;
  }

  return {
    start() {
      if (timer) return;
      timer = setInterval(() => void sweep(), options.intervalMs);
      timer.unref?.();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await current;
    },
    sweep,
  };
}
