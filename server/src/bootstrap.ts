/* Start-up: register RBAC actions, check the options that name content types, then start the runtime (settings, default mailbox, built-in templates, configured rules, delivery worker, scheduler). */
import type { Core } from '@strapi/strapi';
import { getFileConfig } from './config/plugin-config';
import { PluginError } from './core/errors';
import { checkRegisteredRecipientSources } from './mailboxes/registered-recipients';
import { ACTION_DEFINITIONS } from './permissions';
import { sensitiveFieldProblems } from './records/sensitive-fields-check';
import { getRuntime } from './runtime';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.admin!.services.permission.actionProvider.registerMany(ACTION_DEFINITIONS);
  checkRegisteredRecipientSources(strapi);
  const privacy = sensitiveFieldProblems(strapi, getFileConfig(strapi).privacy.sensitiveFields);
  if (privacy.length) throw new PluginError('INVALID_CONFIG', privacy.map((p) => `${p.path}: ${p.message}`).join('; '), privacy);
  await getRuntime(strapi).start();
};
