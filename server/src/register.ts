/* Registration phase (before any plugin's bootstrap): take over Strapi's email delivery path. */
import type { Core } from '@strapi/strapi';
import { installStrapiEmailCapture } from './strapi-email/capture-provider';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  installStrapiEmailCapture(strapi);
};
