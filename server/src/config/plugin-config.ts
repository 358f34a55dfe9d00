/*
 * Access to the plugin options from Strapi glue code: the validated file options (config/plugins),
 * with the settings an admin saved in the admin panel laid over them.
 */
import type { Core } from '@strapi/strapi';
import { parsePluginConfig, type PluginConfig } from './schema';
import type { SettingsOverrides } from './settings-schema';

export const PLUGIN_ID = 'email-notifications';

const fileConfigs = new WeakMap<object, PluginConfig>();
const effectiveConfigs = new WeakMap<object, PluginConfig>();

/** The options as written in config/plugins (defaults applied), without admin overrides. */
export function getFileConfig(strapi: Core.Strapi): PluginConfig {
  let parsed = fileConfigs.get(strapi);
  if (!parsed) {
    parsed = parsePluginConfig(strapi.config.get(`plugin::${PLUGIN_ID}`));
    fileConfigs.set(strapi, parsed);
  }
  return parsed;
}

/** The options in force: file options with the admin's saved settings over them. */
export function getPluginConfig(strapi: Core.Strapi): PluginConfig {
  return effectiveConfigs.get(strapi) ?? getFileConfig(strapi);
}

export function applySettingsOverrides(strapi: Core.Strapi, overrides: SettingsOverrides): PluginConfig {
  const file = getFileConfig(strapi);
  const effective: PluginConfig = {
    ...file,
    delivery: { ...file.delivery, ...(overrides.delivery ?? {}) },
    retention: { ...file.retention, ...(overrides.retention ?? {}) },
    templates: { ...file.templates, ...(overrides.templates ?? {}) },
    privacy: { ...file.privacy, ...(overrides.privacy ?? {}) },
    flood: { ...file.flood, ...(overrides.flood ?? {}) },
  };
  effectiveConfigs.set(strapi, effective);
  return effective;
}

/** The keys for secrets: the current one (the plugin's own option, else Strapi's admin encryption key) and the previous ones. */
export function getEncryptionKeys(strapi: Core.Strapi): { current: string | undefined; previous: string[] } {
  const config = getPluginConfig(strapi);
  return { current: config.encryptionKey ?? strapi.config.get<string | undefined>('admin.secrets.encryptionKey'), previous: config.previousEncryptionKeys };
}
