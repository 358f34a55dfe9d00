/* Shutdown: the rule scheduler stops and pending rule dispatches are queued, then the delivery worker finishes (or releases) in-flight sends and closes its SMTP pools. */
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from './config/plugin-config';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.plugin(PLUGIN_ID).service('rules').stop();
  await strapi.plugin(PLUGIN_ID).service('outbox').stopWorker();
};
