/* Start-up: register RBAC actions, sync the default mailbox from the options, create missing built-in templates, start the delivery worker and the rule scheduler. */
import type { Core } from '@strapi/strapi';
import { ACTION_DEFINITIONS } from './permissions';
import { PLUGIN_ID } from './plugin-config';
import { checkRegisteredRecipientSources } from './recipients/registered-recipients';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.admin!.services.permission.actionProvider.registerMany(ACTION_DEFINITIONS);
  checkRegisteredRecipientSources(strapi);
  await strapi.plugin(PLUGIN_ID).service('settings').refresh();
  await strapi.plugin(PLUGIN_ID).service('mailboxes').syncDefaultFromConfig();
  await strapi.plugin(PLUGIN_ID).service('templates').ensureBuiltIns();
  await strapi.plugin(PLUGIN_ID).service('outbox').startWorker();
  strapi.plugin(PLUGIN_ID).service('rules').start();
};
