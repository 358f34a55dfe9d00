/* The `outbox` service: what operators and tests may ask of this instance's outbox (retention now, wake the worker, is it running). Thin. */
import type { Core } from '@strapi/strapi';
import { getRuntime } from '../runtime';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { outbox } = getRuntime(strapi);
  return { runRetention: outbox.runRetention, wake: outbox.wake, isWorkerRunning: outbox.isRunning };
};
