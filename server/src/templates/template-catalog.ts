/*
 * Email templates: CRUD with save-time checks (syntax, variables, privacy, MJML, size), versions with
 * diff and restore, built-ins with "restore default", export/import as files, preview, and the
 * render() that rules and the plugin's own mails use. Compiled templates are cached per instance.
 * It reads template rows through the template store only, and asks `rulesUsing` which rules name one.
 */
import type { Core } from '@strapi/strapi';
import { createTwoFilesPatch } from 'diff';
import { ConflictError, ForbiddenError, InputError, NotFoundError, PluginError } from '../core/errors';
import { checkTemplate, type CheckedTemplate, type TemplateFields } from '../core/templates/template-input';
import { sampleContext } from '../core/templates/sample-context';
import { nowContext, type RenderEnvironment } from '../core/templates/template-context';
import { listVariables, contextShape, type Shape, type TemplateCategory } from '../core/templates/variable-shape';
import { getPluginConfig } from '../config/plugin-config';
import { BUILT_IN_TEMPLATES, MASTER_LAYOUT } from './built-in-templates';
import { CompileCache, renderCompiled, type RenderedMessage } from './compiled-template';
import { pickableContentTypes, strapiModelLookup } from '../records/model-lookup';
import { baseContext, recordTemplateContext, renderEnvironment } from './render-context';
import { loadRecord } from '../records/record-loader';
import { recordAccess, type AdminAbility } from '../records/record-access';
import { exportFiles, parseImportFiles } from './template-files';
import { previewRequestSchema } from './preview-request';
import { parseInput } from '../core/parse-input';
import { snapshotOf, templateStore, toTemplateDto, type TemplateRow, type TemplateSnapshot } from './template-store';

type Plain = Record<string, unknown>;

/** Private attributes Strapi adds to every type: not worth listing as "refused" to an admin. */
const STRAPI_INTERNAL_FIELDS = new Set(['createdBy', 'updatedBy', 'locale', 'localizations']);

export interface TemplateCatalogDeps {
  /** Names of the rules that use the template named `name` (it may not disappear under them). */
  rulesUsing(name: string): Promise<string[]>;
}

export function createTemplateCatalog(strapi: Core.Strapi, deps: TemplateCatalogDeps) {
  const store = templateStore(strapi);
  let cache: CompileCache | null = null;
  const compileCache = () => (cache ??= new CompileCache(getPluginConfig(strapi).templates.compileCacheSize));
  let modelLookup: ReturnType<typeof strapiModelLookup> | null = null;
  const lookup = () => (modelLookup ??= strapiModelLookup(strapi));
  const sensitive = () => getPluginConfig(strapi).privacy.sensitiveFields;

  async function layoutFor(fields: Pick<TemplateFields, 'category' | 'layout'>): Promise<TemplateRow | null> {
    if (fields.category === 'layout') return null;
    const name = fields.layout ?? MASTER_LAYOUT;
    const [row] = await store.byName(name);
    if (!row && fields.layout) throw new InputError([{ path: 'layout', message: `there is no layout template named "${name}"` }]);
    if (row && row.category !== 'layout') throw new InputError([{ path: 'layout', message: `"${name}" is not a layout template (category "layout")` }]);
    return row ?? null;
  }

  function layoutContext(layout: TemplateRow | null, fields: TemplateSnapshot): Plain {
    const source = fields.category === 'layout' ? fields : layout;
    return { brandName: source?.brandName ?? '', logoUrl: source?.logoUrl ?? '', footer: source?.footer ?? '' };
  }

  async function compile(fields: TemplateSnapshot, layout: TemplateRow | null) {
    const isLayout = fields.category === 'layout';
    return compileCache().compile({
      subject: fields.subject ?? '',
      // A layout is previewed with an empty content slot.
      mjml: isLayout ? fields.mjml.replace('{{> content}}', '') : fields.mjml,
      text: fields.text || null,
      layoutMjml: layout?.mjml ?? null,
      locale: fields.locale ?? null,
    });
  }

  /** Every check a save runs: language and variables (pure), MJML, and the size of a sample render. */
  async function validate(input: unknown): Promise<{ checked: CheckedTemplate; snapshot: TemplateSnapshot; layout: TemplateRow | null }> {
    const checked = checkTemplate(input, { lookup: lookup(), sensitive: sensitive() });
    const snapshot = snapshotOf({ ...checked.fields, description: checked.fields.description ?? null } as TemplateSnapshot);
    const layout = await layoutFor(checked.fields);
    const compiled = await compile(snapshot, layout);
    if (compiled.problems.length) throw new InputError(compiled.problems);
    const env = renderEnvironment(strapi, new Date());
    const sample = { ...sampleFor(checked.shape, env), layout: layoutContext(layout, snapshot) };
    const rendered = renderCompiled(compiled, sample);
    const max = getPluginConfig(strapi).templates.maxRenderedBytes;
    if (rendered.sizeBytes > max) {
      throw new InputError([{ path: 'mjml', message: `renders to ${rendered.sizeBytes} bytes with sample data, over the limit of ${max} (templates.maxRenderedBytes); a notification should be short` }]);
    }
    return { checked, snapshot, layout };
  }

  async function assertNotUsedByRules(row: TemplateRow, action: string) {
    if ((await store.byName(row.name)).length > 1) return; // another locale of the same name remains
    const users = await deps.rulesUsing(row.name);
    if (users.length) throw new ConflictError([{ path: 'name', message: `the rules ${users.map((u) => `"${u}"`).join(', ')} use "${row.name}": ${action}` }]);
  }

  async function assertNameFree(name: string, locale: string, exceptId?: number) {
    const clash = await store.byNameAndLocale(name, locale);
    if (clash && clash.id !== exceptId) throw new ConflictError([{ path: 'name', message: `a template named "${name}" (${locale}) already exists` }]);
  }

  async function save(row: TemplateRow | null, input: unknown, user: string | null) {
    const { snapshot } = await validate(input);
    await assertNameFree(snapshot.name, snapshot.locale, row?.id);
    if (row && row.name !== snapshot.name) await assertNotUsedByRules(row, 'point them to another template before renaming it');
    if (row && row.category === 'layout' && snapshot.category !== 'layout' && (await store.usingLayout(row.name)).length) {
      throw new ConflictError([{ path: 'category', message: `templates use "${row.name}" as their layout, so it must stay a layout` }]);
    }
    const saved = row ? await store.update(row, snapshot, user) : await store.create(snapshot, { editedBy: user });
    return toTemplateDto(saved);
  }

  /** The template a rule or the plugin names, in the recipient's locale when one exists. */
  async function resolveByName(name: string, locale?: string | null): Promise<TemplateRow> {
    const rows = await store.byName(name);
    const row = rows.find((r) => r.locale === locale) ?? rows.find((r) => r.locale === getPluginConfig(strapi).site.locale) ?? rows.find((r) => r.locale === 'en') ?? rows[0];
    if (!row) throw new InputError([{ path: 'template', message: `there is no template named "${name}"` }]);
    return row;
  }

  async function renderRow(row: TemplateRow, context: Plain): Promise<RenderedMessage> {
    const layout = await layoutFor(row);
    const compiled = await compile(row, layout);
    const rendered = renderCompiled(compiled, { ...context, layout: layoutContext(layout, row) });
    const max = getPluginConfig(strapi).templates.maxRenderedBytes;
    if (rendered.sizeBytes > max) {
      throw new PluginError('MESSAGE_TOO_LARGE', `Template "${row.name}" rendered ${rendered.sizeBytes} bytes, over the limit of ${max} (templates.maxRenderedBytes).`);
    }
    return rendered;
  }

  return {
    async list() {
      return (await store.list()).map((row) => ({ ...toTemplateDto(row), isDefault: row.builtIn ? isUnchangedBuiltIn(row) : null }));
    },
    async findOne(id: string) {
      return toTemplateDto(await store.get(id));
    },
    create: (body: unknown, user: string | null) => save(null, body, user),
    async update(id: string, body: unknown, user: string | null) {
      return save(await store.get(id), body, user);
    },
    async remove(id: string) {
      const row = await store.get(id);
      if (row.builtIn) throw new ConflictError([{ path: 'builtIn', message: `"${row.name}" is a built-in template; edit it or restore its default instead of deleting it` }]);
      await assertNotUsedByRules(row, 'point them to another template before deleting it');
      const users = row.category === 'layout' ? await store.usingLayout(row.name) : [];
      if (users.length) throw new ConflictError([{ path: 'layout', message: `"${row.name}" is the layout of ${users.map((u) => `"${u.name}"`).join(', ')}` }]);
      await store.remove(row);
    },
    async versions(id: string) {
      await store.get(id);
      return (await store.versions(id)).map(({ version, savedBy, createdAt }) => ({ version, savedBy, createdAt }));
    },
    /** Unified diff from version `version` to the current template. */
    async diff(id: string, version: number) {
      const row = await store.get(id);
      const old = await store.version(id, version);
      const text = (s: TemplateSnapshot) => `subject: ${s.subject ?? ''}\n\n${s.mjml}\n\n--- text part ---\n${s.text ?? ''}\n`;
      return { from: version, to: row.version, patch: createTwoFilesPatch(`version ${version}`, `version ${row.version} (current)`, text(old), text(row)) };
    },
    async restoreVersion(id: string, version: number, user: string | null) {
      const row = await store.get(id);
      return save(row, { ...(await store.version(id, version)) }, user);
    },
    async restoreDefault(id: string, user: string | null) {
      const row = await store.get(id);
      const original = row.builtIn ? BUILT_IN_TEMPLATES[row.builtIn] : undefined;
      if (!original) throw new ConflictError([{ path: 'builtIn', message: `"${row.name}" is not a built-in template, so it has no default` }]);
      return save(row, { ...original, name: row.name, locale: row.locale }, user);
    },
    /** Creates the built-in templates that are missing (at start-up); never overwrites edits. */
    async ensureBuiltIns() {
      for (const [key, input] of Object.entries(BUILT_IN_TEMPLATES)) {
        if (await store.byBuiltIn(key)) continue;
        const { snapshot } = await validate(input);
        if (await store.byNameAndLocale(snapshot.name, snapshot.locale)) continue;
        try {
          await store.create(snapshot, { builtIn: key });
        } catch (error) {
          // Another instance starting at the same time created it first (unique name + locale).
          if (!(await store.byBuiltIn(key))) throw error;
        }
      }
    },
    async exportTemplate(id: string) {
      return { files: exportFiles(await store.get(id)) };
    },
    async exportAll() {
      return { files: (await store.list()).flatMap((row) => exportFiles(row)) };
    },
    /** Imports .mjml + .json pairs; all are checked before any is written; existing ones (name + locale) are updated. */
    async importFiles(body: unknown, user: string | null) {
      const inputs = parseImportFiles(body);
      for (const input of inputs) {
        try {
          await validate(input.template);
        } catch (error) {
          if (error instanceof InputError) throw new InputError(error.problems.map((p) => ({ ...p, path: `files.${input.file}.${p.path}` })));
          throw error;
        }
      }
      const results = [];
      for (const input of inputs) {
        const existing = await store.byNameAndLocale(input.template.name, input.template.locale ?? 'en');
        results.push({ file: input.file, created: !existing, template: await save(existing, input.template, user) });
      }
      return results;
    },
    /**
     * Renders a saved or unsaved template against a chosen record or sample data. Template problems are
     * returned, not thrown; a record the admin (`ability`) may not read in the Content Manager is refused.
     */
    async preview(body: unknown, ability: AdminAbility | undefined) {
      const request = parseInput(previewRequestSchema, body);
      const base = request.templateId ? snapshotOf(await store.get(request.templateId)) : null;
      const input = { ...(base ?? {}), ...request.template };
      let checked: CheckedTemplate;
      try {
        checked = checkTemplate(input, { lookup: lookup(), sensitive: sensitive() });
      } catch (error) {
        if (error instanceof InputError) return { ok: false, problems: error.problems };
        throw error;
      }
      const snapshot = snapshotOf({ ...checked.fields, description: null } as TemplateSnapshot);
      const layout = await layoutFor(checked.fields);
      const compiled = await compile(snapshot, layout);
      const env = renderEnvironment(strapi, new Date(), request.timezone);
      let context = sampleFor(checked.shape, env);
      const uid = checked.fields.contentType ?? request.contentType;
      if (request.documentId && uid) {
        const access = await recordAccess(strapi, ability).mayRead(uid, request.documentId);
        if (!access.allowed) throw new ForbiddenError(access.reason);
        const model = lookup()(uid)!;
        const record = await loadRecord(strapi, lookup(), uid, request.documentId);
        const recordPart = recordTemplateContext({ model, lookup: lookup(), sensitive: sensitive(), env, record, previous: null, eventType: 'update' });
        context = { ...context, ...baseContext(env), ...recordPart, records: [recordPart.record], count: 1, more: 0 };
      }
      const rendered = renderCompiled(compiled, { ...context, layout: layoutContext(layout, snapshot) });
      const max = getPluginConfig(strapi).templates.maxRenderedBytes;
      const problems = [...compiled.problems];
      if (rendered.sizeBytes > max) problems.push({ path: 'mjml', message: `renders to ${rendered.sizeBytes} bytes, over the limit of ${max} (templates.maxRenderedBytes)` });
      return { ok: problems.length === 0, problems, ...rendered, maxBytes: max };
    },
    variables(query: { category?: string; contentType?: string }) {
      const category = (query.category ?? 'record') as TemplateCategory;
      const shape = contextShape({ category, contentType: query.contentType ?? null, lookup: lookup(), sensitive: sensitive() });
      const model = query.contentType ? lookup()(query.contentType) : undefined;
      const refused = model && shape.kind === 'object' && shape.fields.record?.kind === 'object' ? shape.fields.record.refused ?? {} : {};
      const listed = Object.entries(refused).filter(([field]) => !STRAPI_INTERNAL_FIELDS.has(field));
      return { variables: listVariables(shape), refused: listed.map(([field, reason]) => ({ field, reason })), contentTypes: pickableContentTypes(strapi) };
    },
    /** Renders the template named `name` with `context` (rules, alerts, test email). */
    async render(name: string, context: Plain, locale?: string | null): Promise<RenderedMessage> {
      return renderRow(await resolveByName(name, locale), context);
    },
    /**
     * Renders a rule's own subject/text/mjml/html (checked when the rule was saved). MJML goes into
     * the master layout and through the compile cache; plain HTML is filled as it is.
     */
    async renderInline(inline: { subject: string; text?: string; mjml?: string; html?: string }, context: Plain): Promise<RenderedMessage> {
      const layout = inline.mjml ? await layoutFor({ category: 'general', layout: null }) : null;
      const compiled = await compileCache().compile({
        subject: inline.subject,
        mjml: inline.mjml ?? '',
        text: inline.text ?? (inline.mjml || inline.html ? null : ''),
        layoutMjml: layout?.mjml ?? null,
        locale: getPluginConfig(strapi).site.locale,
        ...(inline.mjml ? {} : { html: inline.html ?? null }),
      });
      const rendered = renderCompiled(compiled, { ...context, layout: layoutContext(layout, { category: 'general' } as TemplateSnapshot) });
      const max = getPluginConfig(strapi).templates.maxRenderedBytes;
      if (rendered.sizeBytes > max) throw new PluginError('MESSAGE_TOO_LARGE', `The rule's message rendered ${rendered.sizeBytes} bytes, over the limit of ${max} (templates.maxRenderedBytes).`);
      return rendered;
    },
  };
}

export type TemplateCatalog = ReturnType<typeof createTemplateCatalog>;

/** Sample values for a preview, with the real site and clock (a preview shows this installation's name). */
function sampleFor(shape: Shape, env: RenderEnvironment): Plain {
  const now = dateTimeOf(env);
  return { ...(sampleContext(shape, now) as Plain), site: env.site, now: nowContext(env) };
}

function dateTimeOf(env: RenderEnvironment): string {
  return String(nowContext(env).dateTime);
}

function isUnchangedBuiltIn(row: TemplateRow): boolean {
  const original = BUILT_IN_TEMPLATES[row.builtIn ?? ''];
  if (!original) return false;
  return (original.mjml === row.mjml && (original.subject ?? null) === row.subject && (original.text ?? null) === (row.text ?? null));
}
