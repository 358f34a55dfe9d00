/*
 * The master layout around a template body: the layout's MJML with `{{> content}}` replaced by the
 * body. A body that is a whole `<mjml>` document uses no layout. Also maps MJML error lines of the
 * combined document back to the body or the layout, so the admin sees the line of what they wrote. Pure.
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

export function composeMjml(body: string, layoutMjml: string | null): ComposedMjml {
  const bodyLineCount = body.split('\n').length;
  if (!layoutMjml || isFullDocument(body)) return { source: body, bodyStartLine: 0, bodyLineCount, usesLayout: false };
  const at = layoutMjml.indexOf(CONTENT_SLOT);
  const before = layoutMjml.slice(0, at);
  return {
    source: before + body + layoutMjml.slice(at + CONTENT_SLOT.length),
    bodyStartLine: before.split('\n').length - 1,
    bodyLineCount,
    usesLayout: true,
  };
}

/** Turns an MJML error line of the composed document into a problem on the body or the layout. */
export function mapMjmlError(composed: ComposedMjml, line: number, message: string): FieldProblem {
  const bodyLine = line - composed.bodyStartLine;
  if (!composed.usesLayout || (bodyLine >= 1 && bodyLine <= composed.bodyLineCount)) return { path: 'mjml', message: `line ${composed.usesLayout ? bodyLine : line}: ${message}` };
  return { path: 'layout', message: `master layout: ${message}` };
}
