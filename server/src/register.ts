/* Registration phase (before any plugin's bootstrap): take over Strapi's email delivery path and watch record changes for rules. */
import type { Core } from '@strapi/strapi';
import { installStrapiEmailCapture } from './strapi-email/capture-provider';
import { installRecordEvents } from './rules/record-events';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  installStrapiEmailCapture(strapi);
  installRecordEvents(strapi);
};
