/*
 * A pure description of Strapi content types (what templates and rules may name) and the walk of a
 * dotted field path over it (`customer.email`). Privacy lives here: password fields, `private`
 * attributes and fields the admin marks sensitive are never reachable, whatever a template or rule says.
 */

export interface ModelAttribute {
  type: string;
  private?: boolean;
  /** For relations: the target content type UID and whether it holds many records. */
  target?: string;
  relation?: string;
  /** For enumerations. */
  enum?: string[];
  /** For media. */
  multiple?: boolean;
}

export interface ContentModel {
  uid: string;
  displayName: string;
  /** The attribute that names a record (the Content Manager's main field), when known. */
  mainField?: string;
  draftAndPublish?: boolean;
  attributes: Record<string, ModelAttribute>;
}

export type ModelLookup = (uid: string) => ContentModel | undefined;

/** Admin-marked sensitive fields: content type UID -> attribute names. */
export type SensitiveFields = Record<string, string[]>;

/** Attributes every record has although they are not in `attributes`. */
export const SYSTEM_ATTRIBUTES: Record<string, ModelAttribute> = {
  id: { type: 'integer' },
  documentId: { type: 'string' },
  createdAt: { type: 'datetime' },
  updatedAt: { type: 'datetime' },
  publishedAt: { type: 'datetime' },
  locale: { type: 'string' },
};

/** How deep a path may follow relations (`customer.company.name` is two hops). */
export const MAX_RELATION_HOPS = 2;

/** Attribute types that are never sent anywhere (structure, not content). */
const UNREACHABLE_TYPES = new Set(['password', 'dynamiczone', 'component', 'json', 'blocks']);

export type PathResolution =
  | { ok: true; attribute: ModelAttribute; /** true when the path crosses a to-many relation */ many: boolean; /** the content type that owns the last segment */ ownerUid: string }
  | { ok: false; reason: 'unknown' | 'private' | 'unsupported'; message: string };

export function isToMany(attribute: ModelAttribute): boolean {
  return attribute.type === 'relation' && /ToMany$|^manyWay$/.test(attribute.relation ?? '');
}

/** Why an attribute may not reach an email, or null when it may. */
export function privacyRefusal(uid: string, name: string, attribute: ModelAttribute, sensitive: SensitiveFields): string | null {
  if (attribute.type === 'password') return `"${name}" is a password field of ${uid} and never reaches an email`;
  if (attribute.private) return `"${name}" is private in ${uid} and never reaches an email`;
  if (sensitive[uid]?.includes(name)) return `"${name}" of ${uid} is marked sensitive in the plugin settings and never reaches an email`;
  return null;
}

/** The attribute of `uid` named `name` (system attributes included), or undefined. */
export function attributeOf(model: ContentModel, name: string): ModelAttribute | undefined {
  return Object.hasOwn(model.attributes, name) ? model.attributes[name] : Object.hasOwn(SYSTEM_ATTRIBUTES, name) ? SYSTEM_ATTRIBUTES[name] : undefined;
}

/** Walks `path` from content type `uid`. Relations are followed into their target's attributes. */
export function resolveFieldPath(lookup: ModelLookup, uid: string, path: string, sensitive: SensitiveFields = {}): PathResolution {
  const segments = path.split('.');
  let model = lookup(uid);
  if (!model) return { ok: false, reason: 'unknown', message: `there is no content type "${uid}"` };
  let many = false;
  let hops = 0;
  for (let i = 0; i < segments.length; i += 1) {
    const name = segments[i]!;
    const attribute = attributeOf(model, name);
    if (!name || !attribute) return { ok: false, reason: 'unknown', message: `${model.uid} has no field "${segments.slice(0, i + 1).join('.')}"` };
    const refusal = privacyRefusal(model.uid, name, attribute, sensitive);
    if (refusal) return { ok: false, reason: 'private', message: refusal };
    const last = i === segments.length - 1;
    if (attribute.type === 'relation') {
      if (last) return { ok: true, attribute, many: many || isToMany(attribute), ownerUid: model.uid };
      hops += 1;
      const target = attribute.target ? lookup(attribute.target) : undefined;
      if (!target || hops > MAX_RELATION_HOPS) {
        return { ok: false, reason: 'unsupported', message: `"${segments.slice(0, i + 1).join('.')}" cannot be followed (at most ${MAX_RELATION_HOPS} relations deep)` };
      }
      many = many || isToMany(attribute);
      model = target;
      continue;
    }
    if (UNREACHABLE_TYPES.has(attribute.type)) return { ok: false, reason: 'unsupported', message: `"${segments.slice(0, i + 1).join('.')}" is a ${attribute.type} field, which templates and rules cannot use` };
    if (!last) return { ok: false, reason: 'unknown', message: `"${segments.slice(0, i + 1).join('.')}" is a ${attribute.type}, not a relation, so "${segments.slice(i + 1).join('.')}" cannot follow it` };
    return { ok: true, attribute, many, ownerUid: model.uid };
  }
  return { ok: false, reason: 'unknown', message: 'the field path is empty' };
}

/** The attributes of a model that may reach an email (scalar fields only, in schema order). */
export function reachableScalarFields(model: ContentModel, sensitive: SensitiveFields = {}): [string, ModelAttribute][] {
  const entries: [string, ModelAttribute][] = [...Object.entries(SYSTEM_ATTRIBUTES), ...Object.entries(model.attributes)];
  return entries.filter(([name, a]) => a.type !== 'relation' && a.type !== 'media' && !UNREACHABLE_TYPES.has(a.type) && !privacyRefusal(model.uid, name, a, sensitive));
}
