/*
 * The shape of the server's import graph: no import cycles between files or between folders, domain
 * folders never reach up into the Strapi glue (services, controllers, routes, the composition root),
 * and services are looked up in one typed place only. Type-only imports count: a cycle of types is
 * still two modules that cannot be understood one without the other.
 */
import fs from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '../../server/src');
const GLUE = ['services', 'controllers', 'routes'];
/** The domain folders in dependency order: each may import `core` and the folders before it, never one after it. */
const LAYERS = ['config', 'content-types', 'secrets', 'transport', 'records', 'settings', 'templates', 'mailboxes', 'routing', 'outbox', 'notifications', 'rules', 'events', 'strapi-email'];
const ROOT_FILES = ['index.ts', 'register.ts', 'bootstrap.ts', 'destroy.ts', 'runtime.ts'];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

function resolve(from: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate)) ?? null;
}

const sources = new Map(files(SRC).map((file) => [file, fs.readFileSync(file, 'utf8')]));
const imports = new Map(
  [...sources].map(([file, source]) => {
    const specifiers = [...source.matchAll(/(?:import|export)[^'"]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g)].map((m) => m[1] ?? m[2]!);
    return [file, specifiers.map((s) => resolve(file, s)).filter((f): f is string => f !== null)];
  }),
);

const rel = (file: string) => path.relative(SRC, file);
/** The folder a file belongs to: its top-level folder, or the file itself for the root files. */
const unitOf = (file: string) => rel(file).split(path.sep)[0]!;

/** The first cycle found in a graph, as the list of its nodes, or null. */
function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  function visit(node: string): string[] | null {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  }
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

it('has no import cycle between files', () => {
  const graph = new Map([...imports].map(([file, targets]) => [rel(file), new Set(targets.map(rel))]));
  expect(findCycle(graph)).toBeNull();
});

it('has no import cycle between folders', () => {
  const graph = new Map<string, Set<string>>();
  for (const [file, targets] of imports) {
    const from = unitOf(file);
    for (const target of targets) if (unitOf(target) !== from) graph.set(from, (graph.get(from) ?? new Set()).add(unitOf(target)));
  }
  expect(findCycle(graph)).toBeNull();
});

it('keeps the domain folders in their dependency order', () => {
  const against: string[] = [];
  for (const [file, targets] of imports) {
    const from = LAYERS.indexOf(unitOf(file));
    if (from < 0) continue;
    for (const target of targets) if (LAYERS.indexOf(unitOf(target)) > from) against.push(`${rel(file)} -> ${rel(target)}`);
  }
  expect(against).toEqual([]);
});

it('places every server folder in the layout', () => {
  const folders = fs.readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  expect(folders.filter((folder) => !['core', ...GLUE, ...LAYERS].includes(folder))).toEqual([]);
});

it.each([...imports].filter(([file]) => !GLUE.includes(unitOf(file)) && !ROOT_FILES.includes(rel(file))).map(([file, targets]) => [rel(file), targets]))(
  '%s does not import the Strapi glue or the composition root',
  (_name, targets) => {
    const upward = (targets as string[]).map(rel).filter((target) => GLUE.includes(unitOf(target)) || target === 'runtime.ts');
    expect(upward).toEqual([]);
  },
);

it('hands the message table to the message repository and queries only (no raw query handles elsewhere)', () => {
  const table = path.join(SRC, 'outbox', 'message-table.ts');
  const users = [...imports].filter(([, targets]) => targets.includes(table)).map(([file]) => rel(file)).sort();
  expect(users).toEqual([path.join('outbox', 'message-queries.ts'), path.join('outbox', 'message-repository.ts')]);
});

it('looks up its own services only through the typed getService', () => {
  // Another plugin's service (the Content Manager's permission checker) is looked up where it is used.
  const otherPlugins = /\.plugin\(\s*'(?!email-notifications')[\w-]+'\s*\)\.service\(/g;
  const code = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').replace(otherPlugins, '');
  const lookups = [...sources].filter(([file, source]) => rel(file) !== path.join('services', 'get-service.ts') && /\.service\(\s*['"]/.test(code(source))).map(([file]) => rel(file));
  expect(lookups).toEqual([]);
});
