/*
 * The record a message is about: checks that it exists, finds its own mailbox (an attribute that is a
 * relation to the plugin's mailbox type), and reads its fields for the subject prefix.
 */
import type { Core } from '@strapi/strapi';
import { InputError } from '../core/errors';
import { privacyRefusal } from '../core/schema/content-model';
import { getPluginConfig } from '../config/plugin-config';
import { strapiModelLookup } from './model-lookup';
import { MAILBOX_UID } from '../content-types/uids';


export interface RecordRef {
  contentType: string;
  documentId: string;
}

function mailboxAttribute(strapi: Core.Strapi, uid: string): string | null {
  const model = strapi.getModel(uid as never) as { attributes: Record<string, { type?: string; target?: string }> } | undefined;
  if (!model) return null;
  const entry = Object.entries(model.attributes).find(([, a]) => a.type === 'relation' && a.target === MAILBOX_UID);
  return entry ? entry[0] : null;
}

/** The record's own mailbox id, if it has one. Throws an InputError when the record does not exist. */
export async function recordMailbox(strapi: Core.Strapi, ref: RecordRef): Promise<string | null> {
  if (!strapi.getModel(ref.contentType as never)) {
    throw new InputError([{ path: 'record.contentType', message: `there is no content type "${ref.contentType}"` }]);
  }
  const attribute = mailboxAttribute(strapi, ref.contentType);
  const record = (await strapi.documents(ref.contentType as never).findOne({ documentId: ref.documentId, ...(attribute ? { populate: [attribute] } : {}) } as never)) as Record<
    string,
    unknown
  > | null;
  if (!record) throw new InputError([{ path: 'record.documentId', message: `no ${ref.contentType} has the id "${ref.documentId}"` }]);
  const mailbox = attribute ? (record[attribute] as { documentId?: string } | null) : null;
  return mailbox?.documentId ?? null;
}

/**
 * The record's own fields (no relations), or null if it is gone. Password fields, private attributes and
 * fields marked sensitive never leave this function: whatever an admin writes in a prefix, they cannot reach a mail.
 */
export async function recordFields(strapi: Core.Strapi, ref: RecordRef): Promise<Record<string, unknown> | null> {
  const model = strapiModelLookup(strapi)(ref.contentType);
  if (!model) return null;
  const record = (await strapi.documents(ref.contentType as never).findOne({ documentId: ref.documentId } as never)) as Record<string, unknown> | null;
  if (!record) return null;
  const sensitive = getPluginConfig(strapi).privacy.sensitiveFields;
  return Object.fromEntries(
    Object.entries(record).filter(([key]) => {
      const attribute = model.attributes[key];
      return !attribute || !privacyRefusal(model.uid, key, attribute, sensitive);
    }),
  );
}
