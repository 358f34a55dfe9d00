/*
 * Fills a parsed template with a context. An interpreter over data, not generated code: lookups read
 * own properties only (no prototype, no getters of classes), and every value is escaped for the part
 * it lands in (HTML for the body, line breaks removed for the subject). Pure.
 */
import type { TemplateNode, VarPath } from './template-syntax';

export type EscapeMode = 'html' | 'text' | 'header';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`=]/g, (ch) => HTML_ESCAPES[ch]!);
}

function isPlainContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

interface Frame {
  value: unknown;
  index?: number;
  length?: number;
}

function resolve(frames: Frame[], path: VarPath): unknown {
  const frame = frames[frames.length - 1 - path.depth];
  if (!frame) return undefined;
  if (path.data) {
    if (frame.index === undefined) return undefined;
    if (path.parts[0] === 'index') return frame.index;
    if (path.parts[0] === 'first') return frame.index === 0;
    if (path.parts[0] === 'last') return frame.index === (frame.length ?? 0) - 1;
    return undefined;
  }
  let value = frame.value;
  for (const part of path.parts) {
    if (!isPlainContainer(value) || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

function printable(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  // Objects and lists are refused at save time; at send time they print nothing rather than "[object Object]".
  return '';
}

function escapeFor(mode: EscapeMode, text: string): string {
  if (mode === 'html') return escapeHtml(text);
  if (mode === 'header') return text.replace(/[\r\n]+/g, ' ');
  return text;
}

/** Renders `nodes` with `context`; `mode` says how values are escaped. */
export function renderTemplate(nodes: TemplateNode[], context: unknown, mode: EscapeMode): string {
  const out: string[] = [];
  const frames: Frame[] = [{ value: context }];

  function run(list: TemplateNode[]): void {
    for (const node of list) {
      if (node.kind === 'text') {
        out.push(node.value);
        continue;
      }
      const value = resolve(frames, node.path);
      if (node.kind === 'var') {
        out.push(escapeFor(mode, printable(value)));
      } else if (node.kind === 'each') {
        const items = Array.isArray(value) ? value : [];
        if (items.length === 0) run(node.inverse);
        items.forEach((item, index) => {
          frames.push({ value: item, index, length: items.length });
          run(node.body);
          frames.pop();
        });
      } else {
        const condition = node.kind === 'if' ? truthy(value) : !truthy(value);
        run(condition ? node.body : node.inverse);
      }
    }
  }

  run(nodes);
  const result = out.join('');
  return mode === 'header' ? result.replace(/[\r\n]+/g, ' ').trim() : result;
}
