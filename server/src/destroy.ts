/* Shutdown: the delivery worker finishes (or releases) in-flight sends and closes its SMTP pools. */
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from './plugin-config';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.plugin(PLUGIN_ID).service('outbox').stopWorker();
};
