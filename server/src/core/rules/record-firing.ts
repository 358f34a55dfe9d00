/*
 * What a record rule's firing keeps until its notification is queued: its unique key (which is also
 * the message's idempotency key) and the previous version of the record cut down to what may reach a
 * message. Pure: the firing rows are written and finished in rules/record-firings.ts.
 */
import { isToMany, privacyRefusal, reachableScalarFields, type ContentModel, type ModelLookup, type SensitiveFields } from '../schema/content-model';
import type { RecordEvent } from './rule-trigger';

type Plain = Record<string, unknown>;

/** The media file fields a notification uses (attachments). */
const MEDIA_FIELDS = ['id', 'name', 'url', 'mime', 'size'];

/** One firing of one rule on one version of a record: a second evaluation of the same write gives the same key. */
export function recordFiringKey(ruleId: string, documentId: string, event: RecordEvent, stamp: string): string {
  return `rule:${ruleId}:${documentId}:${event}:${stamp}`;
}

/** After a delete or an unpublish the record cannot be read again: its notification shows the previous version. */
export function recordIsGone(event: RecordEvent): boolean {
  return event === 'delete' || event === 'unpublish';
}

function pick(raw: Plain, names: Iterable<string>): Plain {
  const out: Plain = {};
  for (const name of names) if (Object.hasOwn(raw, name)) out[name] = raw[name];
  return out;
}

/** The scalar fields a message may show, and the email fields it may be addressed to (an admin user's is private). */
function scalars(raw: Plain, model: ContentModel, sensitive: SensitiveFields): Plain {
  const emails = Object.entries(model.attributes).filter(([, attribute]) => attribute.type === 'email');
  return pick(raw, [...reachableScalarFields(model, sensitive), ...emails].map(([name]) => name));
}

/**
 * The previous version as a firing stores it: the fields a message may show or be addressed to,
 * related records one level deep with theirs, and media files. Passwords and other private or
 * sensitive fields are left out, so the firing table holds no more than the notification needs.
 */
export function firingSnapshot(raw: Plain, model: ContentModel, lookup: ModelLookup, sensitive: SensitiveFields): Plain {
  const out = scalars(raw, model, sensitive);
  for (const [name, attribute] of Object.entries(model.attributes)) {
    const value = raw[name];
    if (value === undefined || privacyRefusal(model.uid, name, attribute, sensitive)) continue;
    if (attribute.type === 'media') {
      out[name] = Array.isArray(value) ? value.map((file) => pick(file as Plain, MEDIA_FIELDS)) : value ? pick(value as Plain, MEDIA_FIELDS) : null;
      continue;
    }
    const target = attribute.type === 'relation' && attribute.target ? lookup(attribute.target) : undefined;
    if (!target) continue;
    if (isToMany(attribute)) out[name] = Array.isArray(value) ? value.map((r) => scalars(r as Plain, target, sensitive)) : [];
    else out[name] = value && typeof value === 'object' ? scalars(value as Plain, target, sensitive) : null;
  }
  return out;
}
