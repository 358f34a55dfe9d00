/*
 * Which addresses belong to registered users: looked up in the content types named by the option
 * `registeredRecipientSources` (default: admin users and users-permissions users). The sources are
 * checked at start-up, so a typo stops Strapi with the option's path instead of silently blocking mail.
 */
import type { Core } from '@strapi/strapi';
import { PluginError } from '../core/errors';
import { getPluginConfig } from '../config/plugin-config';

const DEFAULT_SOURCES = [
  { uid: 'admin::user', field: 'email' },
  { uid: 'plugin::users-permissions.user', field: 'email' },
];

function sources(strapi: Core.Strapi) {
  const configured = getPluginConfig(strapi).registeredRecipientSources;
  if (configured.length) return configured;
  return DEFAULT_SOURCES.filter((s) => strapi.getModel(s.uid as never));
}

export function checkRegisteredRecipientSources(strapi: Core.Strapi): void {
  getPluginConfig(strapi).registeredRecipientSources.forEach((source, index) => {
    const model = strapi.getModel(source.uid as never) as { attributes: Record<string, unknown> } | undefined;
    if (!model) {
      throw new PluginError('INVALID_CONFIG', `registeredRecipientSources.${index}.uid: there is no content type "${source.uid}" (for example api::customer.customer)`);
    }
    if (!model.attributes[source.field]) {
      throw new PluginError('INVALID_CONFIG', `registeredRecipientSources.${index}.field: "${source.uid}" has no attribute "${source.field}"`);
    }
  });
}

/** The given addresses (lower-cased) that belong to a registered user. */
export async function findRegistered(strapi: Core.Strapi, addresses: string[]): Promise<Set<string>> {
  const wanted = [...new Set(addresses.map((a) => a.toLowerCase()))];
  const found = new Set<string>();
  if (!wanted.length) return found;
  for (const source of sources(strapi)) {
    // Stored addresses may have any case: compare case-insensitively, one address at a time.
    const rows = (await strapi.db.query(source.uid as never).findMany({
      where: { $or: wanted.map((address) => ({ [source.field]: { $eqi: address } })) },
      select: [source.field],
    })) as Record<string, unknown>[];
    for (const row of rows) if (typeof row[source.field] === 'string') found.add((row[source.field] as string).toLowerCase());
  }
  return found;
}
