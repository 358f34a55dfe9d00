/*
 * The outbox of this Strapi instance: owns the delivery engine (started in bootstrap, stopped in
 * destroy) and enqueues messages. The mail log's queries live in services/mail-log.ts.
 */
import type { Core } from '@strapi/strapi';
import { createDeliveryEngine, type AfterSendHook, type DeliveryEngine } from '../outbox/delivery-engine';
import type { MessageRow, NewMessage } from '../outbox/outbox-repository';
import { runRetention } from '../outbox/retention';
import { getPluginConfig } from '../plugin-config';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let engine: DeliveryEngine | null = null;
  const getEngine = () => (engine ??= createDeliveryEngine(strapi, () => getPluginConfig(strapi)));

  return {
    async enqueue(message: NewMessage): Promise<{ row: MessageRow; created: boolean }> {
      const result = await getEngine().repository.enqueue(message);
      if (result.created) getEngine().wake();
      return result;
    },
    async enqueueMany(messages: NewMessage[]): Promise<{ row: MessageRow; created: boolean }[]> {
      const results: { row: MessageRow; created: boolean }[] = [];
      await strapi.db.transaction(async () => {
        for (const message of messages) results.push(await getEngine().repository.enqueue(message));
      });
      getEngine().wake();
      return results;
    },
    startWorker() {
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
    repository: () => getEngine().repository,
    instanceId: () => getEngine().instanceId,
    isWorkerRunning: () => engine?.isRunning() ?? false,
  };
};
