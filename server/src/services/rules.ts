/* The `rules` service: notification rules (CRUD, dry run, run now), and idle() to wait until committed changes are queued. Thin: the work is in rules/. */
import type { Core } from '@strapi/strapi';
import { getRuntime } from '../runtime';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { ruleCatalog, ruleEngine } = getRuntime(strapi);
  return { ...ruleCatalog, idle: () => ruleEngine.idle() };
};
