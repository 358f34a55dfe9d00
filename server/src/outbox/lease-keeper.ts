/*
 * The leases around one instance's delivery worker, looked after with each heartbeat: it renews the
 * leases of the messages this worker still holds, and releases those of instances that are gone (at
 * once, without waiting for their leases) and any lease that expired. Which instances are gone is
 * core/outbox/worker-liveness's decision; the rows are written by the message repository only.
 */
import type { Core } from '@strapi/strapi';
import { goneWorkers } from '../core/outbox/worker-liveness';
import type { MessageQueries } from './message-queries';
import type { MessageRepository } from './message-repository';
import type { MessageRow } from './message-row';
import { findWorkers, localView } from './worker-heartbeat';

export interface LeaseKeeperDeps {
  strapi: Core.Strapi;
  instanceId: string;
  repository: Pick<MessageRepository, 'renewLeases' | 'reclaimLeasesOf' | 'reclaimExpiredLeases'>;
  queries: Pick<MessageQueries, 'leaseHolders'>;
}

export interface LeaseTimes {
  leaseMs: number;
  heartbeatIntervalMs: number;
}

export function createLeaseKeeper({ strapi, instanceId, repository, queries }: LeaseKeeperDeps) {
  const log = strapi.log;

  async function reclaimFromGone(now: Date, heartbeatIntervalMs: number) {
    const holders = (await queries.leaseHolders()).filter((id) => id !== instanceId);
    const workers = await findWorkers(strapi, holders);
    for (const { worker, gone } of goneWorkers(workers, localView(workers), heartbeatIntervalMs, now.getTime())) {
      const reclaimed = await repository.reclaimLeasesOf(worker.instanceId, gone.explanation, now);
      if (reclaimed) log.warn(`[email-notifications] took back ${reclaimed} message(s) from instance ${worker.instanceId}: ${gone.explanation}`);
    }
  }

  return {
    /** Renews what `held` still leases, then takes back the leases of gone instances and expired ones. */
    async keep(held: Pick<MessageRow, 'id' | 'leaseOwner'>[], times: LeaseTimes, now = new Date()) {
      await repository.renewLeases(held, now, times.leaseMs);
      await reclaimFromGone(now, times.heartbeatIntervalMs);
      const expired = await repository.reclaimExpiredLeases(now);
      if (expired) log.warn(`[email-notifications] took back ${expired} message(s) whose lease expired`);
    },
  };
}

export type LeaseKeeper = ReturnType<typeof createLeaseKeeper>;
