/*
 * The compile cache: a template version (body, layout, subject, text) is compiled by MJML once and
 * its HTML and text parsed once; each message then only fills variables. Keyed by a hash of the
 * sources, so every instance and every restore of an old version finds its entry without invalidation.
 */
import { createHash } from 'node:crypto';
import type { FieldProblem } from '../core/errors';
import { composeMjml, includeProblems, mapMjmlError } from '../core/templates/layout';
import { renderTemplate } from '../core/templates/render-template';
import { parseTemplate, type TemplateNode } from '../core/templates/template-syntax';
import { compileMjml } from './mjml-compiler';
import { textFromHtml } from './text-from-html';

export interface TemplateSources {
  subject: string;
  mjml: string;
  text: string | null;
  /** The master layout's MJML, or null for none. */
  layoutMjml: string | null;
  /** Plain HTML instead of MJML (a rule's inline html); an empty mjml and no html means a text-only message. */
  html?: string | null;
  /** The template's language tag, written to the HTML's `lang`. */
  locale?: string | null;
}

export interface CompiledTemplate {
  key: string;
  subject: TemplateNode[];
  html: TemplateNode[];
  text: TemplateNode[];
  /** MJML validation problems (with lines of the body or "master layout"); empty when clean. */
  problems: FieldProblem[];
}

export interface RenderedMessage {
  subject: string;
  html: string;
  text: string;
  sizeBytes: number;
}

function mustParse(source: string, field: string): { nodes: TemplateNode[]; problems: FieldProblem[] } {
  const parsed = parseTemplate(source, field);
  return parsed.ok ? { nodes: parsed.nodes, problems: [] } : { nodes: [{ kind: 'text', value: source }], problems: parsed.problems };
}

export async function compileTemplate(sources: TemplateSources, key = sourcesKey(sources)): Promise<CompiledTemplate> {
  let output: { html: string; errors: { line: number; message: string }[] } = { html: sources.html ?? '', errors: [] };
  let problems: FieldProblem[] = [];
  if (sources.mjml) {
    const composed = composeMjml(sources.mjml, sources.layoutMjml, sources.locale ?? null);
    output = await compileMjml(composed.source);
    problems = [...includeProblems(composed), ...output.errors.map((e) => mapMjmlError(composed, e.line, e.message))];
  }
  const html = mustParse(output.html, 'mjml');
  const text = mustParse(sources.text ?? textFromHtml(output.html), 'text');
  const subject = mustParse(sources.subject, 'subject');
  return { key, subject: subject.nodes, html: html.nodes, text: text.nodes, problems: [...problems, ...html.problems, ...text.problems, ...subject.problems] };
}

export function sourcesKey(sources: TemplateSources): string {
  return createHash('sha256').update(JSON.stringify([sources.subject, sources.mjml, sources.text, sources.layoutMjml, sources.html ?? null, sources.locale ?? null])).digest('base64url');
}

export function renderCompiled(compiled: CompiledTemplate, context: unknown): RenderedMessage {
  const subject = renderTemplate(compiled.subject, context, 'header');
  const html = renderTemplate(compiled.html, context, 'html');
  // Derived text keeps the layout's blank cells and loops' line breaks: tidy them per message (cheap).
  const text = renderTemplate(compiled.text, context, 'text').replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim();
  return { subject, html, text, sizeBytes: Buffer.byteLength(subject) + Buffer.byteLength(html) + Buffer.byteLength(text) };
}

/** A bounded map of compiled templates (least recently used goes first), sharing in-flight compiles. */
export class CompileCache {
  private readonly entries = new Map<string, Promise<CompiledTemplate>>();

  constructor(private readonly maxEntries: number) {}

  compile(sources: TemplateSources): Promise<CompiledTemplate> {
    const key = sourcesKey(sources);
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const pending = compileTemplate(sources, key);
    this.entries.set(key, pending);
    pending.catch(() => this.entries.delete(key));
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return pending;
  }
}
