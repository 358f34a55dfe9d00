/*
 * Reads application records for rules, templates and the outbox: one record with its relations one
 * level deep (and its media, for attachments). Which of its fields may reach a message is decided
 * by the pure core (template-context, privacy), never here.
 */
import type { Core } from '@strapi/strapi';
import { InputError } from '../core/errors';
import type { ContentModel, ModelLookup } from '../core/schema/content-model';

type Plain = Record<string, unknown>;

/** Relations (and media, for attachments) to populate so a record's context can show related fields one level deep. */
export function relationPopulate(model: ContentModel, lookup: ModelLookup): Record<string, true> {
  const populate: Record<string, true> = {};
  for (const [name, attribute] of Object.entries(model.attributes)) {
    if ((attribute.type === 'relation' && attribute.target && lookup(attribute.target)) || attribute.type === 'media') populate[name] = true;
  }
  return populate;
}

/** Reads a record with its relations; InputError naming `field` when it does not exist. */
export async function loadRecord(strapi: Core.Strapi, lookup: ModelLookup, uid: string, documentId: string, field = 'documentId'): Promise<Plain> {
  const model = lookup(uid);
  if (!model) throw new InputError([{ path: 'contentType', message: `there is no content type "${uid}"` }]);
  const record = (await strapi.documents(uid as never).findOne({ documentId, populate: relationPopulate(model, lookup) } as never)) as Plain | null;
  if (!record) throw new InputError([{ path: field, message: `no ${model.displayName} has the id "${documentId}"` }]);
  return record;
}
