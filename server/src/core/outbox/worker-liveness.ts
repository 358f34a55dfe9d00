/*
 * Which delivery workers are gone, so that the messages they hold are taken over at once and the mail
 * log shows them as down. Pure: worker rows, what the observing process sees of its own host, and `now`
 * come in; outbox/worker-heartbeat gathers them. A worker counts as gone only on evidence: in doubt it
 * is alive, and what it holds comes back when its leases expire.
 */

/** A worker that missed this many heartbeats in a row is taken for gone (a slow beat is not a dead one). */
export const MISSED_HEARTBEATS = 3;

export interface WorkerFacts {
  instanceId: string;
  /** Equal for processes that share one boot of one host and one process-id space; null when unknown. */
  hostKey?: string | null;
  pid?: number | null;
  startedAt?: string | Date | null;
  lastBeatAt: string | Date;
  stoppedAt?: string | Date | null;
}

/** What the observing process knows of its own host. */
export interface LocalView {
  hostKey: string;
  pid: number;
  /** When the observing process started, ms since the epoch. */
  processStartedAt: number;
  /** Process ids of workers on this host (same host key) that no longer run. */
  exitedPids: ReadonlySet<number>;
}

export type GoneReason = 'stopped' | 'exited' | 'replaced' | 'silent';

export interface Gone {
  reason: GoneReason;
  /** Why, in words for the message's attempt history and the log. */
  explanation: string;
}

const time = (value: string | Date | null | undefined) => (value ? new Date(value).getTime() : Number.NaN);

/** Whether `worker` is gone as seen from `local` (null: from no particular host), and why; null while it may be alive. */
export function workerGone(worker: WorkerFacts, local: LocalView | null, heartbeatIntervalMs: number, now: number): Gone | null {
  if (worker.stoppedAt) return { reason: 'stopped', explanation: 'its instance stopped' };
  const onThisHost = local !== null && !!worker.hostKey && worker.hostKey === local.hostKey && typeof worker.pid === 'number';
  if (onThisHost && local.exitedPids.has(worker.pid!)) {
    return { reason: 'exited', explanation: `its process ${worker.pid} on this host has exited` };
  }
  // The same process id on the same host, from before this process began: that process is no more.
  if (onThisHost && worker.pid === local.pid && time(worker.startedAt) < local.processStartedAt) {
    return { reason: 'replaced', explanation: `its process ${worker.pid} on this host was replaced by a newer one` };
  }
  const silentMs = now - time(worker.lastBeatAt);
  if (silentMs > MISSED_HEARTBEATS * heartbeatIntervalMs) {
    return { reason: 'silent', explanation: `it has written no heartbeat for ${Math.round(silentMs / 1000)} s` };
  }
  return null;
}

/** The workers among `workers` that are gone, each with why. */
export function goneWorkers<W extends WorkerFacts>(workers: W[], local: LocalView | null, heartbeatIntervalMs: number, now: number): { worker: W; gone: Gone }[] {
  return workers.flatMap((worker) => {
    const gone = workerGone(worker, local, heartbeatIntervalMs, now);
    return gone ? [{ worker, gone }] : [];
  });
}
