/*
 * The master layout around a template body: the layout's MJML with `{{> content}}` replaced by the
 * body. A body that is a whole `<mjml>` document uses no layout. Also maps MJML error lines of the
 * combined document back to the body or the layout, so the admin sees the line of what they wrote, sets
 * the document's language, and refuses `<mj-include>` (includes are off). Pure.
 */
import type { FieldProblem } from '../errors';
import { CONTENT_SLOT } from './template-syntax';

export interface ComposedMjml {
  source: string;
  /** Lines of the combined document that come before the body (0 without a layout). */
  bodyStartLine: number;
  bodyLineCount: number;
  usesLayout: boolean;
}

export function isFullDocument(body: string): boolean {
  return /^\s*(<!--[\s\S]*?-->\s*)*<mjml[\s>]/i.test(body);
}

/** Problems of a layout's own MJML source (the slot must be there exactly once). */
export function checkLayoutSlot(layoutMjml: string, field = 'mjml'): FieldProblem[] {
  const count = layoutMjml.split(CONTENT_SLOT).length - 1;
  if (count === 1) return [];
  return [{ path: field, message: count === 0 ? `a master layout needs the slot ${CONTENT_SLOT} where each template's content goes` : `the slot ${CONTENT_SLOT} may appear only once (found ${count})` }];
}

/**
 * The body inside the layout, with the `<mjml>` root's `lang` set to `locale` (MJML writes it to
 * `<html lang>`; without it the received HTML says `lang="und"`).
 */
export function composeMjml(body: string, layoutMjml: string | null, locale: string | null = null): ComposedMjml {
  const bodyLineCount = body.split('\n').length;
  if (!layoutMjml || isFullDocument(body)) return { source: withLanguage(body, locale), bodyStartLine: 0, bodyLineCount, usesLayout: false };
  const at = layoutMjml.indexOf(CONTENT_SLOT);
  const before = layoutMjml.slice(0, at);
  return {
    source: withLanguage(before + body + layoutMjml.slice(at + CONTENT_SLOT.length), locale),
    bodyStartLine: before.split('\n').length - 1,
    bodyLineCount,
    usesLayout: true,
  };
}

const MJML_ROOT = /<mjml(\s[^>]*)?>/i;
const LANG_ATTRIBUTE = /\slang\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/i;

function withLanguage(source: string, locale: string | null): string {
  if (!locale) return source;
  return source.replace(MJML_ROOT, (_tag, attributes: string | undefined) => {
    const rest = (attributes ?? '').replace(LANG_ATTRIBUTE, '');
    return `<mjml lang="${locale}"${rest}>`;
  });
}

const INCLUDE_TAG = /<mj-include\b/gi;

/**
 * `<mj-include>` would read files from the server, so MJML runs with includes off; a template that
 * uses one is refused instead of losing the included part without a word.
 */
export function includeProblems(composed: ComposedMjml): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const match of composed.source.matchAll(INCLUDE_TAG)) {
    const line = composed.source.slice(0, match.index).split('\n').length;
    problems.push(mapMjmlError(composed, line, '<mj-include> is not available: includes are off, because they would read files from the server; put the content into the template, or shared parts into the master layout'));
  }
  return problems;
}

/** Turns an MJML error line of the composed document into a problem on the body or the layout. */
export function mapMjmlError(composed: ComposedMjml, line: number, message: string): FieldProblem {
  const bodyLine = line - composed.bodyStartLine;
  if (!composed.usesLayout || (bodyLine >= 1 && bodyLine <= composed.bodyLineCount)) return { path: 'mjml', message: `line ${composed.usesLayout ? bodyLine : line}: ${message}` };
  return { path: 'layout', message: `master layout: ${message}` };
}
