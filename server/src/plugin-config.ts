/*
 * Access to the validated plugin options from Strapi glue code. The options were already checked at
 * start-up by the config validator; parsing again here applies the zod defaults and gives types.
 */
import type { Core } from '@strapi/strapi';
import { parsePluginConfig, type PluginConfig } from './config/schema';

export const PLUGIN_ID = 'email-notifications';

const cache = new WeakMap<object, PluginConfig>();

export function getPluginConfig(strapi: Core.Strapi): PluginConfig {
  const cached = cache.get(strapi);
  if (cached) return cached;
  const parsed = parsePluginConfig(strapi.config.get(`plugin::${PLUGIN_ID}`));
  cache.set(strapi, parsed);
  return parsed;
}

/** The key for secrets: the plugin's own option, else Strapi's admin encryption key. */
export function getEncryptionKeyMaterial(strapi: Core.Strapi): string | undefined {
  return getPluginConfig(strapi).encryptionKey ?? strapi.config.get<string | undefined>('admin.secrets.encryptionKey');
}
