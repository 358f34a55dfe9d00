/* Shutdown: the rule scheduler stops and pending rule dispatches are queued, then the delivery worker finishes (or releases) in-flight sends and closes its SMTP pools. */
import type { Core } from '@strapi/strapi';
import { getRuntime } from './runtime';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await getRuntime(strapi).stop();
};
