/* The playground's helpdesk content types as the pure content model describes them, for unit tests of rules. */
import type { ContentModel, ModelLookup } from '../../server/src/core/schema/content-model';

// The playground's helpdesk types, as content-model.ts describes them (admin::user.email is private in Strapi).
export const MODELS: Record<string, ContentModel> = {
  'api::rma.rma': {
    uid: 'api::rma.rma',
    displayName: 'RMA',
    draftAndPublish: false,
    attributes: {
      number: { type: 'string' },
      stage: { type: 'enumeration', enum: ['received', 'authorized', 'in-repair', 'repaired', 'shipped'] },
      customer: { type: 'relation', relation: 'manyToOne', target: 'api::customer.customer' },
      owner: { type: 'relation', relation: 'oneToOne', target: 'admin::user' },
      ownerEmail: { type: 'email' },
      receivedAt: { type: 'datetime' },
      tatHours: { type: 'integer' },
      notes: { type: 'text' },
      internalNotes: { type: 'text', private: true },
      photos: { type: 'media', multiple: true },
    },
  },
  'api::customer.customer': {
    uid: 'api::customer.customer',
    displayName: 'Customer',
    attributes: {
      name: { type: 'string' },
      email: { type: 'email' },
      lastLoginIp: { type: 'string' },
      rmas: { type: 'relation', relation: 'oneToMany', target: 'api::rma.rma' },
    },
  },
  'admin::user': {
    uid: 'admin::user',
    displayName: 'User',
    attributes: { firstname: { type: 'string' }, lastname: { type: 'string' }, email: { type: 'email', private: true }, password: { type: 'password' } },
  },
};
export const lookup: ModelLookup = (uid) => MODELS[uid];
