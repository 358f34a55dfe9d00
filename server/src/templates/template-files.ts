/*
 * Templates as files, for keeping them in git and moving them between environments: `<name>.mjml`
 * holds the body, `<name>.json` the rest (subject, category, text part…). Import pairs them by name.
 */
import { z } from 'zod';
import { InputError } from '../core/errors';
import { parseInput } from '../core/parse-input';
import type { TemplateInput } from '../core/templates/template-input';
import { SNAPSHOT_FIELDS, type TemplateSnapshot } from './template-store';

export interface TemplateFile {
  name: string;
  content: string;
}

const FORMAT = 'strapi-plugin-email-notifications/template@1';

function baseName(row: TemplateSnapshot): string {
  return row.locale && row.locale !== 'en' ? `${row.name}.${row.locale}` : row.name;
}

export function exportFiles(row: TemplateSnapshot): TemplateFile[] {
  const meta = Object.fromEntries(SNAPSHOT_FIELDS.filter((f) => f !== 'mjml').map((f) => [f, row[f] ?? null]));
  return [
    { name: `${baseName(row)}.mjml`, content: row.mjml },
    { name: `${baseName(row)}.json`, content: `${JSON.stringify({ format: FORMAT, ...meta }, null, 2)}\n` },
  ];
}

const importSchema = z
  .object({
    files: z
      .array(z.object({ name: z.string().regex(/^[A-Za-z0-9._-]+\.(mjml|json)$/, 'must be a .mjml or .json file name'), content: z.string().max(1_000_000) }).strict())
      .min(1, 'give at least one .mjml file with its .json')
      .max(200),
  })
  .strict();

/** Pairs the files and turns each pair into a template input; InputError naming the file at fault. */
export function parseImportFiles(body: unknown): { file: string; template: TemplateInput }[] {
  const { files } = parseInput(importSchema, body);
  const byBase = new Map<string, { mjml?: string; json?: string }>();
  for (const file of files) {
    const base = file.name.replace(/\.(mjml|json)$/, '');
    const entry = byBase.get(base) ?? {};
    entry[file.name.endsWith('.mjml') ? 'mjml' : 'json'] = file.content;
    byBase.set(base, entry);
  }
  const problems: { path: string; message: string }[] = [];
  const inputs: { file: string; template: TemplateInput }[] = [];
  for (const [base, pair] of byBase) {
    if (pair.mjml === undefined || pair.json === undefined) {
      problems.push({ path: `files.${base}`, message: `needs both ${base}.mjml and ${base}.json` });
      continue;
    }
    let meta: Record<string, unknown>;
    try {
      meta = JSON.parse(pair.json) as Record<string, unknown>;
    } catch (error) {
      problems.push({ path: `files.${base}.json`, message: `is not valid JSON (${(error as Error).message})` });
      continue;
    }
    if (meta.format !== FORMAT) {
      problems.push({ path: `files.${base}.json`, message: `is not a template export (its "format" must be "${FORMAT}")` });
      continue;
    }
    const { format: _format, ...fields } = meta;
    const clean = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null));
    inputs.push({ file: base, template: { ...clean, mjml: pair.mjml } as TemplateInput });
  }
  if (problems.length) throw new InputError(problems);
  return inputs;
}
