/* The `messages` service: the mail log's messages, the outbox health and the Overview's stats, as the controller calls them. Thin: the work is in outbox/. */
import type { Core } from '@strapi/strapi';
import { getRuntime } from '../runtime';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { messageAdmin, health, stats } = getRuntime(strapi);
  return { ...messageAdmin, health: health.health, stats: stats.stats };
};
