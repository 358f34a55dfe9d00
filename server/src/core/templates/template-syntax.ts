/*
 * The template language: `{{ path }}` variables, `{{#each}}`, `{{#if}}`, `{{#unless}}` and `{{else}}`,
 * in Handlebars syntax, parsed by Handlebars' parser into our own small tree. Everything that could
 * run code or emit raw HTML (helpers, partials, triple braces, decorators) is refused here, so the
 * renderer never sees it: a template is data, never a program. Pure.
 */
import { parse } from 'handlebars';
import type { FieldProblem } from '../errors';

export interface VarPath {
  /** Segments after any `../` and `this`: `record.customer.email` -> ['record','customer','email']. */
  parts: string[];
  /** How many `../` climb out of `{{#each}}` scopes. */
  depth: number;
  /** `@index`, `@first`, `@last` inside `{{#each}}`. */
  data: boolean;
  original: string;
}

export type TemplateNode =
  | { kind: 'text'; value: string }
  | { kind: 'var'; path: VarPath; line: number; column: number }
  | { kind: 'each' | 'if' | 'unless'; path: VarPath; body: TemplateNode[]; inverse: TemplateNode[]; line: number; column: number };

const BLOCKS = new Set(['each', 'if', 'unless']);

/** The marker a master layout puts where the template's content goes. */
export const CONTENT_SLOT = '{{> content}}';

export type ParseResult = { ok: true; nodes: TemplateNode[] } | { ok: false; problems: FieldProblem[] };

interface Loc {
  start: { line: number; column: number };
}
interface AnyNode {
  type: string;
  loc?: Loc;
  [key: string]: unknown;
}

class SyntaxRefusal extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

function lineOf(node: AnyNode): number {
  return node.loc?.start.line ?? 1;
}

function toPath(expr: AnyNode, what: string): VarPath {
  if (expr.type !== 'PathExpression') {
    const literal = expr.type.replace('Literal', '').toLowerCase();
    throw new SyntaxRefusal(`${what} must name a variable, not a ${literal === 'subexpression' ? 'helper call' : `${literal} value`}`, lineOf(expr));
  }
  const parts = (expr.parts as string[]).slice();
  return { parts, depth: expr.depth as number, data: expr.data as boolean, original: expr.original as string };
}

function convert(body: AnyNode[]): TemplateNode[] {
  const nodes: TemplateNode[] = [];
  for (const node of body) {
    const line = lineOf(node);
    const column = node.loc?.start.column ?? 0;
    switch (node.type) {
      case 'ContentStatement':
        nodes.push({ kind: 'text', value: node.value as string });
        break;
      case 'CommentStatement':
        break;
      case 'MustacheStatement': {
        if (!(node.escaped as boolean)) {
          throw new SyntaxRefusal('triple braces {{{ }}} would put raw HTML into the message; write {{ name }} (values are always escaped)', line);
        }
        if ((node.params as unknown[]).length || node.hash) {
          const name = (node.path as AnyNode).original as string;
          throw new SyntaxRefusal(`"{{${name} …}}" calls a helper, and templates have none; a variable is written {{ path.to.value }}`, line);
        }
        nodes.push({ kind: 'var', path: toPath(node.path as AnyNode, 'a variable'), line, column });
        break;
      }
      case 'BlockStatement': {
        const helper = (node.path as AnyNode).original as string;
        if (!BLOCKS.has(helper)) throw new SyntaxRefusal(`"{{#${helper}}}" is not available; blocks are {{#each list}}, {{#if value}} and {{#unless value}}`, line);
        const params = node.params as AnyNode[];
        if (params.length !== 1 || node.hash) throw new SyntaxRefusal(`{{#${helper}}} takes exactly one variable, as in {{#${helper} record.items}}`, line);
        const program = node.program as AnyNode | null;
        const inverse = node.inverse as AnyNode | null;
        nodes.push({
          kind: helper as 'each' | 'if' | 'unless',
          path: toPath(params[0]!, `{{#${helper}}}`),
          body: program ? convert(program.body as AnyNode[]) : [],
          inverse: inverse ? convert(inverse.body as AnyNode[]) : [],
          line,
          column,
        });
        break;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement':
        throw new SyntaxRefusal('partials ({{> name}}) are not available in templates; the master layout wraps every template instead', line);
      case 'DecoratorBlock':
      case 'Decorator':
        throw new SyntaxRefusal('decorators ({{* …}}) are not available in templates', line);
      default:
        throw new SyntaxRefusal(`"${node.type}" is not allowed in templates`, line);
    }
  }
  return nodes;
}

/** Parses one part of a template (subject, MJML body, text). `field` names it in the problems. */
export function parseTemplate(source: string, field: string): ParseResult {
  let program: AnyNode;
  try {
    program = parse(source) as unknown as AnyNode;
  } catch (error) {
    const message = (error as Error).message;
    const line = Number(/on line (\d+)/.exec(message)?.[1] ?? 1);
    const expecting = /got '([A-Z_]+)'/.exec(message)?.[1];
    const hint = expecting === 'EOF' ? 'a block is not closed (each {{#each}}, {{#if}}, {{#unless}} needs its {{/…}})' : 'the {{ … }} syntax is broken here';
    return { ok: false, problems: [{ path: field, message: `line ${line}: ${hint}` }] };
  }
  try {
    return { ok: true, nodes: convert(program.body as AnyNode[]) };
  } catch (error) {
    if (error instanceof SyntaxRefusal) return { ok: false, problems: [{ path: field, message: `line ${error.line}: ${error.message}` }] };
    throw error;
  }
}

/** Every variable path a template names, with the scope it appears in (for listing and checking). */
export function walkVariables(nodes: TemplateNode[], visit: (node: Extract<TemplateNode, { path: VarPath }>, eachDepth: number) => void, eachDepth = 0): void {
  for (const node of nodes) {
    if (node.kind === 'text') continue;
    visit(node, eachDepth);
    if (node.kind !== 'var') {
      walkVariables(node.body, visit, node.kind === 'each' ? eachDepth + 1 : eachDepth);
      walkVariables(node.inverse, visit, eachDepth);
    }
  }
}
