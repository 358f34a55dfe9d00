/*
 * The outbox of one Strapi instance: enqueueing (which wakes the worker), the delivery worker loop
 * wired from the delivery attempt and the result writer, and its housekeeping (heartbeat, leases,
 * settings reload, retention). Built by the composition root, which hands it its neighbours.
 */
import type { Core } from '@strapi/strapi';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { PluginConfig } from '../config/schema';
import type { MailboxStore } from '../mailboxes/mailbox-store';
import type { RecordRef } from '../records/record-context';
import { openGeoLookup, type GeoLookup } from '../routing/geo-lookup';
import { createMailboxDirectory } from '../routing/mailbox-directory';
import type { TaskGroupStore } from '../routing/task-group-store';
import { createTransportPool } from '../transport/transport-pool';
import { createDeliveryAttempt, type DeliveryResult } from './delivery-attempt';
import { createResultWriter, type AfterSendHook, type BounceHook, type ResultHook } from './delivery-results';
import { createDeliveryWorker, type DeliveryWorker } from './delivery-worker';
import { createLeaseKeeper } from './lease-keeper';
import type { MessageQueries } from './message-queries';
import type { MessageRepository } from './message-repository';
import type { MessageRow, NewMessage } from './message-row';
import { runRetention } from './retention';
import { recordHeartbeat, recordWorkerStopped } from './worker-heartbeat';

const ENQUEUE_BATCH = 500;

export interface OutboxDeps {
  strapi: Core.Strapi;
  config(): PluginConfig;
  repository: MessageRepository;
  queries: MessageQueries;
  mailboxes: Pick<MailboxStore, 'loadForSending' | 'recordHealth'>;
  taskGroups: Pick<TaskGroupStore, 'loadForRouting'>;
  /** Reloads the admin's saved settings (another instance may have changed them). */
  refreshSettings(): Promise<void>;
  recordFields(ref: RecordRef): Promise<Record<string, unknown> | null>;
  findRegistered(addresses: string[]): Promise<Set<string>>;
}

export function createOutbox(deps: OutboxDeps) {
  const { strapi, config, repository, queries } = deps;
  const log = strapi.log;
  const instanceId = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const afterSendHooks: AfterSendHook[] = [];
  const bounceHooks: BounceHook[] = [];
  const resultHooks: ResultHook[] = [];
  const counters = { sent: 0, failed: 0 };
  const pool = createTransportPool(() => config().smtpTimeouts);
  let geo: GeoLookup | null = null;
  let worker: DeliveryWorker | null = null;
  let lastRetentionAt = 0;
  let retention: Promise<void> | null = null;
  const leases = createLeaseKeeper({ strapi, instanceId, repository, queries });

  const directory = createMailboxDirectory({
    loadMailboxes: () => deps.mailboxes.loadForSending(),
    loadTaskGroups: () => deps.taskGroups.loadForRouting(),
    sentCounts: (day, minute) => queries.sentCountsByMailbox(day, minute),
    geo: () => geo,
    config,
  });
  const attempt = createDeliveryAttempt({ directory, pool, config, recordFields: deps.recordFields, findRegistered: deps.findRegistered });
  const results = createResultWriter({ repository, recordHealth: (id, fields) => deps.mailboxes.recordHealth(id, fields), log, bounceHooks, afterSendHooks, resultHooks, counters });

  async function applyRetention() {
    const report = await runRetention({ queries, repository }, config().retention);
    if (report.deletedMessages || report.purgedBodies) log.info(`[email-notifications] retention: deleted ${report.deletedMessages} message(s), purged ${report.purgedBodies} body(ies)`);
  }

  /** Retention runs beside the heartbeat, never in its way: a long purge must not make this instance look gone. */
  function startRetentionWhenDue() {
    if (retention || Date.now() - lastRetentionAt < config().retention.intervalMinutes * 60_000) return;
    lastRetentionAt = Date.now();
    retention = applyRetention()
      .catch((error) => void log.error(`[email-notifications] retention failed: ${(error as Error)?.message ?? String(error)}`))
      .finally(() => {
        retention = null;
      });
  }

  async function maintenance(held: MessageRow[]) {
    await recordHeartbeat(strapi, instanceId, counters);
    await leases.keep(held, config().delivery);
    await deps.refreshSettings();
    startRetentionWhenDue();
  }

  function startWorker() {
    const delivery = config().delivery;
    worker = createDeliveryWorker<MessageRow, DeliveryResult>(
      {
        claim: (limit) => repository.claimDue(instanceId, limit, new Date(), delivery.leaseMs),
        deliver: attempt.deliver,
        deliveryFailed: attempt.crashed,
        flush: results.flush,
        release: async (rows) => void (await repository.release(rows, new Date())),
        maintenance,
        onError: (error, where) => log.error(`[email-notifications] delivery worker ${where} failed: ${(error as Error)?.message ?? String(error)}`),
      },
      { concurrency: delivery.concurrency, pollIntervalMs: delivery.pollIntervalMs, flushIntervalMs: delivery.flushIntervalMs, maintenanceIntervalMs: delivery.heartbeatIntervalMs, stopTimeoutMs: 10_000 },
    );
    worker.start();
  }

  const wake = () => worker?.wake();

  return {
    instanceId,
    async enqueue(message: NewMessage) {
      const result = await repository.enqueue(message);
      if (result.created) wake();
      return result;
    },
    /** Batches of ENQUEUE_BATCH rows, each committed and handed to the worker at once: a large mailing starts going out while the rest is written. */
    async enqueueMany(messages: NewMessage[]) {
      const enqueued: Awaited<ReturnType<MessageRepository['enqueueMany']>> = [];
      for (let i = 0; i < messages.length; i += ENQUEUE_BATCH) {
        enqueued.push(...(await repository.enqueueMany(messages.slice(i, i + ENQUEUE_BATCH))));
        wake();
      }
      return enqueued;
    },
    recordSuppressed: (message: NewMessage, reason: string) => repository.recordSuppressed(message, reason),
    /** Opens the geo database when geo routing is on (a missing file stops start-up), then starts the worker if enabled. */
    async start() {
      const options = config().routing.geo;
      geo = options.enabled && options.databasePath ? await openGeoLookup(options.databasePath) : null;
      if (!options.enabled) log.info('[email-notifications] geo routing is off (routing.geo.enabled); mailboxes are chosen by strategy only');
      if (config().delivery.workerEnabled) startWorker();
    },
    /** Lets in-flight sends finish (or releases them), closes the SMTP pools, marks this worker stopped. */
    async stop() {
      await worker?.stop();
      worker = null;
      await retention;
      pool.closeAll();
      await recordWorkerStopped(strapi, instanceId).catch(() => undefined);
    },
    wake,
    /** A mailbox or task group changed here: reload routing now, and let waiting messages try again. */
    async mailboxesChanged() {
      directory.invalidate();
      await repository.wakeWaiting(new Date());
      wake();
    },
    /** Applies the retention settings now (the worker also does it every `retention.intervalMinutes`). */
    runRetention: () => runRetention({ queries, repository }, config().retention),
    onAfterSend: (hook: AfterSendHook) => void afterSendHooks.push(hook),
    onBounce: (hook: BounceHook) => void bounceHooks.push(hook),
    /** Every written batch of delivery results (SMTP events are recorded from them). */
    onResults: (hook: ResultHook) => void resultHooks.push(hook),
    isRunning: () => worker?.stats().running ?? false,
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
