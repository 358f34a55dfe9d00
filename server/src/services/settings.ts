/* The `settings` service: the admin-editable settings. Thin: the work is in settings/settings-store. */
import type { Core } from '@strapi/strapi';
import { getRuntime } from '../runtime';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { settings } = getRuntime(strapi);
  return { get: settings.get, update: settings.update };
};
