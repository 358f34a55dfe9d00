/*
 * The outbox of this Strapi instance: owns the delivery engine (started in bootstrap, stopped in
 * destroy) and enqueues messages. The mail log's queries live in services/mail-log.ts.
 */
import type { Core } from '@strapi/strapi';
import { createDeliveryEngine, type AfterSendHook, type BounceHook, type DeliveryEngine } from '../outbox/delivery-engine';
import type { MessageRow, NewMessage } from '../outbox/outbox-repository';
import { runRetention } from '../outbox/retention';
import { getPluginConfig } from '../config/plugin-config';

const ENQUEUE_BATCH = 500;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let engine: DeliveryEngine | null = null;
  const getEngine = () => (engine ??= createDeliveryEngine(strapi, () => getPluginConfig(strapi)));

  return {
    async enqueue(message: NewMessage): Promise<{ row: MessageRow; created: boolean }> {
      const result = await getEngine().repository.enqueue(message);
      if (result.created) getEngine().wake();
      return result;
    },
    recordCancelled: (message: NewMessage, reason: string) => getEngine().repository.recordCancelled(message, reason),
    /**
     * Inserts in batches of ENQUEUE_BATCH rows, each committed on its own and handed to the worker at
     * once, so a large mailing starts going out while the rest is still being written.
     */
    async enqueueMany(messages: NewMessage[]): Promise<{ row: MessageRow; created: boolean }[]> {
      const results: { row: MessageRow; created: boolean }[] = [];
      for (let i = 0; i < messages.length; i += ENQUEUE_BATCH) {
        results.push(...(await getEngine().repository.enqueueMany(messages.slice(i, i + ENQUEUE_BATCH))));
        getEngine().wake();
      }
      return results;
    },
    async startWorker() {
      await getEngine().prepare();
      if (getPluginConfig(strapi).delivery.workerEnabled) getEngine().start();
    },
    async stopWorker() {
      await engine?.stop();
    },
    wake: () => engine?.wake(),
    /** Applies the retention settings now (the worker also does it every `retention.intervalMinutes`). */
    runRetention: () => runRetention(strapi, getPluginConfig(strapi).retention),
    mailboxesChanged: () => getEngine().mailboxesChanged(),
    onAfterSend: (hook: AfterSendHook) => getEngine().onAfterSend(hook),
    onBounce: (hook: BounceHook) => getEngine().onBounce(hook),
    repository: () => getEngine().repository,
    instanceId: () => getEngine().instanceId,
    isWorkerRunning: () => engine?.isRunning() ?? false,
  };
};
