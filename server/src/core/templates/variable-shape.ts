/*
 * What a template may name: the shape of the render context for each template category, built from
 * the content type's schema. Private, password and sensitive fields are not in the shape; they are
 * listed as refused with the reason, so a template naming them is refused at save. Pure.
 */
import { isToMany, privacyRefusal, reachableScalarFields, type ContentModel, type ModelLookup, type SensitiveFields } from '../schema/content-model';

export type Shape =
  | { kind: 'value'; type: string; description?: string; enum?: string[] }
  | { kind: 'object'; fields: Record<string, Shape>; refused?: Record<string, string>; description?: string }
  | { kind: 'list'; item: Shape; description?: string }
  /** Free-form data (a custom event's payload): any path is accepted and rendered if it is a value. */
  | { kind: 'any'; description?: string };

export const TEMPLATE_CATEGORIES = ['record', 'time', 'digest', 'event', 'smtp-alert', 'test', 'general', 'layout'] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

/** Categories whose context holds records of one content type (the template must name it). */
export const CATEGORIES_WITH_RECORDS: ReadonlySet<TemplateCategory> = new Set(['record', 'time', 'digest']);

const value = (type: string, description?: string): Shape => ({ kind: 'value', type, ...(description ? { description } : {}) });
const object = (fields: Record<string, Shape>, description?: string): Shape => ({ kind: 'object', fields, ...(description ? { description } : {}) });

function valueShape(attribute: { type: string; enum?: string[] }): Shape {
  return attribute.type === 'enumeration' && attribute.enum ? { kind: 'value', type: 'enumeration', enum: attribute.enum } : value(attribute.type);
}

function scalarFields(model: ContentModel, sensitive: SensitiveFields): { fields: Record<string, Shape>; refused: Record<string, string> } {
  const fields: Record<string, Shape> = {};
  for (const [name, attribute] of reachableScalarFields(model, sensitive)) fields[name] = valueShape(attribute);
  const refused: Record<string, string> = {};
  for (const [name, attribute] of Object.entries(model.attributes)) {
    const reason = privacyRefusal(model.uid, name, attribute, sensitive);
    if (reason) refused[name] = reason;
  }
  return { fields, refused };
}

const GENERIC_RECORD: Shape = object({
  id: value('integer'),
  documentId: value('string'),
  title: value('string', "the record's display name"),
  adminUrl: value('string', 'link to the record in the Strapi admin'),
  createdAt: value('datetime'),
  updatedAt: value('datetime'),
});

/** A record of `model`: its reachable scalar fields, its relations one level deep, a title and an admin link. */
export function recordShape(model: ContentModel, lookup: ModelLookup, sensitive: SensitiveFields): Shape {
  const { fields, refused } = scalarFields(model, sensitive);
  for (const [name, attribute] of Object.entries(model.attributes)) {
    if (attribute.type !== 'relation' || refused[name] || !attribute.target) continue;
    const target = lookup(attribute.target);
    if (!target) continue;
    const related = scalarFields(target, sensitive);
    const shape: Shape = { kind: 'object', fields: related.fields, refused: related.refused };
    fields[name] = isToMany(attribute) ? { kind: 'list', item: shape } : shape;
  }
  fields.title = value('string', `the record's display name (${model.mainField ?? 'documentId'})`);
  fields.adminUrl = value('string', 'link to the record in the Strapi admin');
  return { kind: 'object', fields, refused };
}

function commonFields(): Record<string, Shape> {
  return {
    site: object({ name: value('string'), url: value('string'), adminUrl: value('string'), portalUrl: value('string') }, 'the installation (plugin option `site`)'),
    now: object({ date: value('string'), time: value('string'), dateTime: value('string'), timezone: value('string') }, "the send time, in the recipient's or the site's time zone"),
    recipient: object({ email: value('email'), name: value('string') }, 'who this copy is for'),
    rule: object({ name: value('string'), category: value('string'), description: value('string') }, 'the rule that sent it'),
    layout: object({ brandName: value('string'), logoUrl: value('string'), footer: value('string') }, 'the master layout around the message'),
  };
}

export interface ShapeInput {
  category: TemplateCategory;
  contentType?: string | null;
  lookup: ModelLookup;
  sensitive: SensitiveFields;
}

/** The whole render context of a template of `category` (and content type, for record categories). */
export function contextShape({ category, contentType, lookup, sensitive }: ShapeInput): Shape {
  const fields = commonFields();
  const model = contentType ? lookup(contentType) : undefined;
  const contentTypeShape = object({ uid: value('string'), displayName: value('string') });
  if (CATEGORIES_WITH_RECORDS.has(category)) {
    // Without a content type the template is generic: it works for any record, with the fields all records have.
    const record = model ? recordShape(model, lookup, sensitive) : GENERIC_RECORD;
    if (category === 'record') {
      fields.record = record;
      fields.event = object({ type: value('string', 'create, update, delete, publish or unpublish') });
      fields.contentType = contentTypeShape;
      if (model) {
        const changes: Record<string, Shape> = {};
        for (const [name, attribute] of reachableScalarFields(model, sensitive)) changes[name] = object({ from: valueShape(attribute), to: valueShape(attribute) });
        fields.changes = { kind: 'object', fields: changes, refused: (record as { refused?: Record<string, string> }).refused ?? {} };
      }
      fields.changeList = { kind: 'list', item: object({ field: value('string'), from: value('string'), to: value('string') }), description: 'every changed field' };
    } else if (category === 'time') {
      fields.record = record;
      fields.contentType = contentTypeShape;
      fields.due = object({ at: value('datetime', 'when the record became overdue'), overdueHours: value('integer') });
    } else {
      fields.records = { kind: 'list', item: record, description: 'the matching records' };
      fields.count = value('integer', 'how many records match (may exceed the listed ones)');
      fields.more = value('integer', 'matching records not listed');
      fields.contentType = contentTypeShape;
    }
  }
  if (category === 'event') {
    fields.event = object({ name: value('string') });
    fields.payload = { kind: 'any', description: 'the data given to notifications.emit()' };
  }
  if (category === 'smtp-alert') {
    fields.alert = object({
      event: value('string', 'connection failed, delivery failed, final delivery failed…'),
      mailbox: value('string'),
      host: value('string'),
      port: value('integer'),
      error: value('string'),
      response: value('string'),
      messageId: value('string'),
      at: value('datetime'),
      count: value('integer'),
      type: value('string', 'connection-failed, delivery-failed, final-delivery-failed or pop-login-failed'),
      test: value('boolean', 'a test event fired from the admin'),
      mailboxAddress: value('email'),
      ssl: value('boolean'),
      requiresAuth: value('boolean'),
      customerEmail: value('email', 'the recipient of the failed message'),
      subject: value('string', 'the subject of the failed message'),
      code: value('integer', 'the SMTP reply code'),
      folded: object({
        count: value('integer', 'events folded into this alert by the max frequency'),
        since: value('string', 'time of day of the first folded event'),
        first: value('datetime'),
        last: value('datetime'),
      }),
    });
  }
  if (category === 'test') fields.mailbox = object({ name: value('string'), fromAddress: value('email') });
  return { kind: 'object', fields };
}

/** Flat list of every variable a template may use, for the editor's variable list. */
export function listVariables(shape: Shape, prefix = ''): { path: string; type: string; description?: string; list?: boolean }[] {
  if (shape.kind === 'value') return [{ path: prefix, type: shape.type, ...(shape.description ? { description: shape.description } : {}) }];
  if (shape.kind === 'any') return [{ path: `${prefix}.*`, type: 'any', ...(shape.description ? { description: shape.description } : {}) }];
  if (shape.kind === 'list') {
    return [{ path: prefix, type: 'list', list: true, ...(shape.description ? { description: shape.description } : {}) }, ...listVariables(shape.item, `${prefix}[]`)];
  }
  return Object.entries(shape.fields).flatMap(([name, child]) => listVariables(child, prefix ? `${prefix}.${name}` : name));
}
