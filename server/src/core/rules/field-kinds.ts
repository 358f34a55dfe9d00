/*
 * Groups Strapi attribute types by what rules can do with them (compare as numbers, as instants, as
 * text) and words them for error messages. Pure; the path walk and privacy live in schema/content-model.
 */
import type { ModelAttribute, ModelLookup, SensitiveFields } from '../schema/content-model';
import { attributeOf, privacyRefusal } from '../schema/content-model';

export const NUMBER_TYPES = new Set(['integer', 'biginteger', 'float', 'decimal']);
/** Instants; `time` (a time of day) is not one. */
export const DATE_TYPES = new Set(['date', 'datetime', 'timestamp']);
export const TEXT_TYPES = new Set(['string', 'text', 'richtext', 'email', 'uid', 'enumeration']);

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  text: 'text',
  richtext: 'rich text',
  email: 'email',
  uid: 'uid',
  enumeration: 'enumeration',
  integer: 'number',
  biginteger: 'number',
  float: 'number',
  decimal: 'number',
  date: 'date',
  datetime: 'date and time',
  timestamp: 'date and time',
  time: 'time of day',
  boolean: 'true/false',
  media: 'media',
  relation: 'relation',
};

/** "a text field", "an enumeration field", "a relation". */
export function describeAttribute(attribute: ModelAttribute): string {
  if (attribute.type === 'relation') return 'a relation';
  const word = TYPE_WORDS[attribute.type] ?? attribute.type;
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word} field`;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * A close spelling of the segment of `path` that does not exist, as `; did you mean "stage"?`, or ''.
 * Only fields that may reach an email are suggested, so a hint never reveals a private field's name.
 */
export function suggestField(lookup: ModelLookup, uid: string, path: string, sensitive: SensitiveFields): string {
  let model = lookup(uid);
  const segments = path.split('.');
  for (let i = 0; model && i < segments.length; i += 1) {
    const attribute = attributeOf(model, segments[i]!);
    if (attribute?.type === 'relation' && attribute.target) {
      model = lookup(attribute.target);
      continue;
    }
    if (attribute) return '';
    const current = model;
    const candidates = Object.entries(current.attributes)
      .filter(([name, a]) => !privacyRefusal(current.uid, name, a, sensitive))
      .map(([name]) => ({ name, distance: editDistance(segments[i]!, name) }))
      .filter((c) => c.distance <= 2)
      .sort((x, y) => x.distance - y.distance);
    if (candidates.length === 0) return '';
    return `; did you mean "${[...segments.slice(0, i), candidates[0]!.name].join('.')}"?`;
  }
  return '';
}
