/* Start-up: register RBAC actions, sync the default mailbox from the options, create missing built-in templates, start the delivery worker and the rule scheduler. */
import type { Core } from '@strapi/strapi';
import { ACTION_DEFINITIONS } from './permissions';
import { PluginError } from './core/errors';
import { getFileConfig, PLUGIN_ID } from './config/plugin-config';
import { sensitiveFieldProblems } from './records/sensitive-fields-check';
import { checkRegisteredRecipientSources } from './mailboxes/registered-recipients';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.admin!.services.permission.actionProvider.registerMany(ACTION_DEFINITIONS);
  checkRegisteredRecipientSources(strapi);
  const privacy = sensitiveFieldProblems(strapi, getFileConfig(strapi).privacy.sensitiveFields);
  if (privacy.length) throw new PluginError('INVALID_CONFIG', privacy.map((p) => `${p.path}: ${p.message}`).join('; '), privacy);
  await strapi.plugin(PLUGIN_ID).service('settings').refresh();
  await strapi.plugin(PLUGIN_ID).service('mailboxes').syncDefaultFromConfig();
  await strapi.plugin(PLUGIN_ID).service('templates').ensureBuiltIns();
  await strapi.plugin(PLUGIN_ID).service('rules').syncConfigRules();
  await strapi.plugin(PLUGIN_ID).service('outbox').startWorker();
  strapi.plugin(PLUGIN_ID).service('rules').start();
};
