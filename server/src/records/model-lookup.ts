/*
 * Strapi's content-type schemas as the pure ContentModel the template and rule checks read.
 * Only collection and single types with attributes; the display field is guessed from common names.
 */
import type { Core } from '@strapi/strapi';
import type { ContentModel, ModelAttribute, ModelLookup } from '../core/schema/content-model';

const TITLE_FIELDS = ['title', 'name', 'number', 'subject', 'username', 'email', 'label'];

interface StrapiModel {
  uid: string;
  info?: { displayName?: string };
  options?: { draftAndPublish?: boolean };
  attributes: Record<string, Record<string, unknown>>;
}

function toModel(model: StrapiModel): ContentModel {
  const attributes: Record<string, ModelAttribute> = {};
  for (const [name, raw] of Object.entries(model.attributes ?? {})) {
    attributes[name] = {
      type: String(raw.type),
      ...(raw.private ? { private: true } : {}),
      ...(typeof raw.target === 'string' ? { target: raw.target } : {}),
      ...(typeof raw.relation === 'string' ? { relation: raw.relation } : {}),
      ...(Array.isArray(raw.enum) ? { enum: raw.enum as string[] } : {}),
      ...(raw.multiple ? { multiple: true } : {}),
    };
  }
  const mainField = TITLE_FIELDS.find((f) => attributes[f] && ['string', 'email', 'uid', 'text'].includes(attributes[f]!.type));
  return {
    uid: model.uid,
    displayName: model.info?.displayName ?? model.uid,
    ...(mainField ? { mainField } : {}),
    draftAndPublish: Boolean(model.options?.draftAndPublish),
    attributes,
  };
}

const lookups = new WeakMap<object, ModelLookup>();

/**
 * A lookup over Strapi's registered content types, one per Strapi instance: schemas do not change at
 * runtime, and rules ask for models around every save.
 */
export function strapiModelLookup(strapi: Core.Strapi): ModelLookup {
  const existing = lookups.get(strapi);
  if (existing) return existing;
  const cache = new Map<string, ContentModel | undefined>();
  const lookup: ModelLookup = (uid: string) => {
    if (!cache.has(uid)) {
      const model = strapi.getModel(uid as never) as unknown as StrapiModel | undefined;
      cache.set(uid, model?.attributes ? toModel({ ...model, uid }) : undefined);
    }
    return cache.get(uid);
  };
  lookups.set(strapi, lookup);
  return lookup;
}

/** Collection types an admin may pick for templates and rules (the application's own, plus admin users). */
export function pickableContentTypes(strapi: Core.Strapi): { uid: string; displayName: string }[] {
  return Object.entries(strapi.contentTypes as unknown as Record<string, StrapiModel & { kind?: string }>)
    .filter(([uid, model]) => uid.startsWith('api::') && model.kind === 'collectionType')
    .map(([uid, model]) => ({ uid, displayName: model.info?.displayName ?? uid }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}
