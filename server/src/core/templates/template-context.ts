/*
 * Builds the render context from raw records: only reachable fields are copied (privacy by
 * construction: what is not copied cannot be printed), dates are formatted in the recipient's or the
 * site's time zone, relations go one level deep. Pure: the clock comes in as `now`.
 */
import { isToMany, privacyRefusal, reachableScalarFields, type ContentModel, type ModelLookup, type SensitiveFields } from '../schema/content-model';

export interface SiteInfo {
  name: string;
  url: string;
  adminUrl: string;
  portalUrl: string;
}

export interface RenderEnvironment {
  site: SiteInfo;
  /** IANA time zone dates are shown in. */
  timezone: string;
  /** BCP 47 locale for date formats. */
  locale: string;
  now: Date;
}

type Plain = Record<string, unknown>;

function dateFormat(env: RenderEnvironment, style: 'date' | 'time' | 'dateTime'): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions =
    style === 'date' ? { dateStyle: 'medium' } : style === 'time' ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' };
  return new Intl.DateTimeFormat(env.locale, { ...options, timeZone: env.timezone });
}

/** A field value as text for a template: dates in the environment's zone, the rest as given. */
export function formatValue(type: string, value: unknown, env: RenderEnvironment): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'datetime' || type === 'timestamp') {
    const date = new Date(String(value));
    return Number.isNaN(date.getTime()) ? String(value) : dateFormat(env, 'dateTime').format(date);
  }
  if (type === 'date') {
    // A calendar date has no zone: format it as that day, wherever the reader is.
    const date = new Date(`${String(value).slice(0, 10)}T12:00:00Z`);
    return Number.isNaN(date.getTime()) ? String(value) : new Intl.DateTimeFormat(env.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
  }
  if (typeof value === 'object') return null;
  return value;
}

function scalarCopy(raw: Plain, model: ContentModel, sensitive: SensitiveFields, env: RenderEnvironment): Plain {
  const out: Plain = {};
  for (const [name, attribute] of reachableScalarFields(model, sensitive)) {
    if (Object.hasOwn(raw, name)) out[name] = formatValue(attribute.type, raw[name], env);
  }
  return out;
}

export function recordAdminUrl(env: RenderEnvironment, uid: string, documentId: unknown): string {
  return `${env.site.adminUrl.replace(/\/$/, '')}/content-manager/collection-types/${uid}/${String(documentId ?? '')}`;
}

/** The `record` of a template: reachable scalars, related records' reachable scalars, title and admin link. */
export function recordContext(raw: Plain, model: ContentModel, lookup: ModelLookup, sensitive: SensitiveFields, env: RenderEnvironment): Plain {
  const out = scalarCopy(raw, model, sensitive, env);
  for (const [name, attribute] of Object.entries(model.attributes)) {
    if (attribute.type !== 'relation' || !attribute.target || privacyRefusal(model.uid, name, attribute, sensitive)) continue;
    const target = lookup(attribute.target);
    const related = raw[name];
    if (!target || related === undefined) continue;
    if (isToMany(attribute)) out[name] = Array.isArray(related) ? related.map((r) => scalarCopy(r as Plain, target, sensitive, env)) : [];
    else out[name] = related && typeof related === 'object' ? scalarCopy(related as Plain, target, sensitive, env) : null;
  }
  const mainField = model.mainField && Object.hasOwn(out, model.mainField) ? out[model.mainField] : null;
  out.title = mainField === null || mainField === undefined || mainField === '' ? String(raw.documentId ?? raw.id ?? '') : mainField;
  out.adminUrl = recordAdminUrl(env, model.uid, raw.documentId);
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** `changes.<field>.from/to` for every changed reachable field, and the same as a list. */
export function changesContext(previous: Plain | null, current: Plain, model: ContentModel, sensitive: SensitiveFields, env: RenderEnvironment): { changes: Plain; changeList: Plain[] } {
  const changes: Plain = {};
  const changeList: Plain[] = [];
  for (const [name, attribute] of reachableScalarFields(model, sensitive)) {
    if (name === 'updatedAt' || name === 'createdAt' || name === 'publishedAt' || name === 'id' || name === 'documentId') continue;
    const from = previous ? previous[name] : null;
    const to = current[name];
    if (sameValue(from, to)) continue;
    const entry = { from: formatValue(attribute.type, from, env), to: formatValue(attribute.type, to, env) };
    changes[name] = entry;
    changeList.push({ field: name, from: entry.from === null ? '' : String(entry.from), to: entry.to === null ? '' : String(entry.to) });
  }
  return { changes, changeList };
}

export function nowContext(env: RenderEnvironment): Plain {
  return {
    date: dateFormat(env, 'date').format(env.now),
    time: dateFormat(env, 'time').format(env.now),
    dateTime: dateFormat(env, 'dateTime').format(env.now),
    timezone: env.timezone,
  };
}

/** True when `zone` is an IANA time zone this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
