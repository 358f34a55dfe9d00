/*
 * The layering rule of the server: `core/` holds pure decisions and imports only `core/`, zod and a
 * few pure libraries (no Strapi, nodemailer, database, file system or clock of its own).
 */
import fs from 'node:fs';
import path from 'node:path';

const CORE = path.resolve(__dirname, '../../server/src/core');
const ALLOWED_PACKAGES = new Set(['zod', 'recheck', 'node:util', 'handlebars', 'cron-parser']);

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

it.each(files(CORE).map((f) => [path.relative(CORE, f), f]))('core/%s imports only core, zod and pure libraries', (_name, file) => {
  const source = fs.readFileSync(file, 'utf8');
  const imports = [...source.matchAll(/(?:import|export)[^'"]*from\s+'([^']+)'/g)].map((m) => m[1]!);
  for (const specifier of imports) {
    if (specifier.startsWith('.')) {
      expect(path.resolve(path.dirname(file), specifier).startsWith(CORE)).toBe(true);
    } else {
      expect(ALLOWED_PACKAGES.has(specifier) ? specifier : `forbidden import "${specifier}"`).toBe(specifier);
    }
  }
  expect(source).not.toMatch(/Date\.now\(\)|new Date\(\)(?!\.)/);
});
