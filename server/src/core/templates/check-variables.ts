/*
 * Save-time check of a parsed template against its context shape: every variable must exist, be a
 * value where a value is printed and a list where `{{#each}}` loops, and never be a private field.
 * So a typo is a 400 when the admin saves, not an empty hole in a customer's email. Pure.
 */
import type { FieldProblem } from '../errors';
import type { TemplateNode, VarPath } from './template-syntax';
import type { Shape } from './variable-shape';

const EACH_DATA = new Set(['index', 'first', 'last']);

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

function suggestion(name: string, candidates: string[]): string {
  const best = candidates.map((c) => [c, distance(name.toLowerCase(), c.toLowerCase())] as const).sort((x, y) => x[1] - y[1])[0];
  return best && best[1] <= Math.max(2, Math.floor(name.length / 3)) ? ` (did you mean "${best[0]}"?)` : '';
}

type Lookup = { ok: true; shape: Shape } | { ok: false; message: string };

function lookupPath(scopes: Shape[], path: VarPath, inEach: boolean): Lookup {
  if (path.data) {
    if (!inEach || !EACH_DATA.has(path.parts[0] ?? '')) return { ok: false, message: `"${path.original}" exists only inside {{#each}} (@index, @first, @last)` };
    return { ok: true, shape: { kind: 'value', type: path.parts[0] === 'index' ? 'integer' : 'boolean' } };
  }
  const scopeIndex = scopes.length - 1 - path.depth;
  if (scopeIndex < 0) return { ok: false, message: `"${path.original}" climbs out of the template (too many ../)` };
  let shape = scopes[scopeIndex]!;
  const walked: string[] = [];
  for (const part of path.parts) {
    if (shape.kind === 'any') return { ok: true, shape };
    if (shape.kind !== 'object') {
      const what = shape.kind === 'list' ? `a list; loop over it with {{#each ${walked.join('.')}}}` : 'a value';
      return { ok: false, message: `"${walked.join('.')}" is ${what}, so "${path.original}" does not exist` };
    }
    const refused = shape.refused && Object.hasOwn(shape.refused, part) ? shape.refused[part] : undefined;
    if (refused) return { ok: false, message: `"${path.original}" cannot be used: ${refused}` };
    if (!Object.hasOwn(shape.fields, part)) {
      const where = walked.length ? `"${walked.join('.')}" has no field "${part}"` : `there is no variable "${path.original}"`;
      return { ok: false, message: `${where}${suggestion(part, Object.keys(shape.fields))}` };
    }
    shape = shape.fields[part]!;
    walked.push(part);
  }
  return { ok: true, shape };
}

function describeChildren(shape: Shape): string {
  return shape.kind === 'object' ? Object.keys(shape.fields).slice(0, 8).join(', ') : '';
}

/** Problems of `nodes` (a template part named `field`) against the context `shape`; empty when fine. */
export function checkVariables(nodes: TemplateNode[], shape: Shape, field: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const report = (line: number, message: string) => problems.push({ path: field, message: `line ${line}: ${message}` });

  function walk(list: TemplateNode[], scopes: Shape[], inEach: boolean): void {
    for (const node of list) {
      if (node.kind === 'text') continue;
      const found = lookupPath(scopes, node.path, inEach);
      if (!found.ok) {
        report(node.line, found.message);
        continue;
      }
      const target = found.shape;
      if (node.kind === 'var') {
        if (target.kind === 'object') report(node.line, `"${node.path.original}" is a group of fields; name one of them: ${describeChildren(target)}`);
        else if (target.kind === 'list') report(node.line, `"${node.path.original}" is a list; loop over it with {{#each ${node.path.original}}}…{{/each}}`);
        continue;
      }
      if (node.kind === 'each') {
        if (target.kind !== 'list' && target.kind !== 'any') {
          report(node.line, `{{#each ${node.path.original}}} needs a list, and "${node.path.original}" is not one`);
          continue;
        }
        walk(node.body, [...scopes, target.kind === 'list' ? target.item : target], true);
        walk(node.inverse, scopes, inEach);
        continue;
      }
      walk(node.body, scopes, inEach);
      walk(node.inverse, scopes, inEach);
    }
  }

  walk(nodes, [shape], false);
  return problems;
}
