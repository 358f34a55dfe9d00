/*
 * The mail log's retention: deletes failed and cancelled messages after N days, and deletes the bodies
 * (keeping the metadata) of finished messages after N days, beyond N messages, or beyond N MB.
 * Queued and sending messages are never touched. Idempotent, so several instances may run it.
 * It decides what goes; the message repository does the writing.
 */
import type { PluginConfig } from '../config/schema';
import type { MessageQueries } from './message-queries';
import type { MessageRepository } from './message-repository';

const DAY_MS = 86_400_000;
const BATCH = 500;

export interface RetentionReport {
  deletedMessages: number;
  purgedBodies: number;
}

interface Messages {
  queries: MessageQueries;
  repository: MessageRepository;
}

export async function runRetention({ queries, repository }: Messages, options: PluginConfig['retention'], now = new Date()): Promise<RetentionReport> {
  const report: RetentionReport = { deletedMessages: 0, purgedBodies: 0 };
  const purge = async (ids: number[]) => {
    report.purgedBodies += await repository.purgeBodies(ids, now);
  };

  if (options.deleteFailedAfterDays > 0) {
    report.deletedMessages += await repository.deleteEndedBefore(new Date(now.getTime() - options.deleteFailedAfterDays * DAY_MS));
  }
  if (options.deleteBodiesAfterDays > 0) {
    const cutoff = new Date(now.getTime() - options.deleteBodiesAfterDays * DAY_MS);
    for (;;) {
      const ids = await queries.withBodyCreatedBefore(cutoff, BATCH);
      await purge(ids);
      if (ids.length < BATCH) break;
    }
  }
  if (options.maxBodies > 0) {
    let excess = (await queries.countWithBody()) - options.maxBodies;
    while (excess > 0) {
      const rows = await queries.oldestWithBody(Math.min(BATCH, excess));
      if (!rows.length) break;
      await purge(rows.map((r) => r.id));
      excess -= rows.length;
    }
  }
  if (options.maxBodiesMb > 0) await purgeBeyondBytes({ queries, purge }, options.maxBodiesMb * 1024 * 1024);
  return report;
}

/** Oldest bodies first, until the finished messages' bodies fit in `limitBytes`. */
async function purgeBeyondBytes({ queries, purge }: { queries: MessageQueries; purge: (ids: number[]) => Promise<void> }, limitBytes: number) {
  let excessBytes = (await queries.bodyBytes()) - limitBytes;
  while (excessBytes > 0) {
    const rows = await queries.oldestWithBody(BATCH);
    if (!rows.length) break;
    const ids: number[] = [];
    for (const row of rows) {
      if (excessBytes <= 0) break;
      ids.push(row.id);
      excessBytes -= row.sizeBytes;
    }
    await purge(ids);
  }
}
