/*
 * Strapi glue for render contexts: the site and time zone from the options, and the context of a
 * record template. Which fields reach the context is decided by the pure core (template-context),
 * never here; records are read by records/record-loader.
 */
import type { Core } from '@strapi/strapi';
import type { ContentModel, ModelLookup } from '../core/schema/content-model';
import { changesContext, nowContext, recordContext, type RenderEnvironment } from '../core/templates/template-context';
import { getPluginConfig } from '../config/plugin-config';

type Plain = Record<string, unknown>;

export function serverUrl(strapi: Core.Strapi): string {
  const configured = getPluginConfig(strapi).site.url ?? strapi.config.get<string>('server.url');
  if (configured && /^https?:\/\//.test(configured)) return configured.replace(/\/$/, '');
  const host = strapi.config.get<string>('server.host') ?? 'localhost';
  return `http://${host === '0.0.0.0' ? 'localhost' : host}:${strapi.config.get<number>('server.port') ?? 1337}`;
}

export function renderEnvironment(strapi: Core.Strapi, now: Date, timezone?: string | null): RenderEnvironment {
  const site = getPluginConfig(strapi).site;
  const url = serverUrl(strapi);
  return {
    site: { name: site.name, url, adminUrl: (site.adminUrl ?? `${url}/admin`).replace(/\/$/, ''), portalUrl: site.portalUrl ?? url },
    timezone: timezone || site.timezone,
    locale: site.locale,
    now,
  };
}

/** The context fields every template has (site, now, layout filled later by the renderer). */
export function baseContext(env: RenderEnvironment, extra: Plain = {}): Plain {
  return { site: env.site, now: nowContext(env), recipient: { email: '', name: '' }, rule: { name: '', category: '', description: '' }, ...extra };
}

export interface RecordContextInput {
  model: ContentModel;
  lookup: ModelLookup;
  sensitive: Record<string, string[]>;
  env: RenderEnvironment;
  record: Plain;
  previous?: Plain | null;
  eventType?: string;
}

/** The context of a record template: record, changes, event and content type. */
export function recordTemplateContext(input: RecordContextInput): Plain {
  const { model, lookup, sensitive, env, record, previous } = input;
  const { changes, changeList } = changesContext(previous ?? null, record, model, sensitive, env);
  return {
    record: recordContext(record, model, lookup, sensitive, env),
    changes,
    changeList,
    event: { type: input.eventType ?? 'update' },
    contentType: { uid: model.uid, displayName: model.displayName },
  };
}
