/* Start-up: register RBAC actions, then create or update the default mailbox from the options. */
import type { Core } from '@strapi/strapi';
import { ACTION_DEFINITIONS } from './permissions';
import { PLUGIN_ID } from './plugin-config';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.admin!.services.permission.actionProvider.registerMany(ACTION_DEFINITIONS);
  await strapi.plugin(PLUGIN_ID).service('mailboxes').syncDefaultFromConfig();
};
