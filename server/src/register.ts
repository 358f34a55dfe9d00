/* Registration phase (before any plugin's bootstrap): take over Strapi's email delivery path and watch record changes for rules. */
import type { Core } from '@strapi/strapi';
import { installRecordEvents } from './rules/record-events';
import { getRuntime } from './runtime';
import { installStrapiEmailCapture } from './strapi-email/capture-provider';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  installStrapiEmailCapture(strapi, (mail) => getRuntime(strapi).notifications.send(mail));
  installRecordEvents(strapi, () => getRuntime(strapi).ruleEngine);
};
