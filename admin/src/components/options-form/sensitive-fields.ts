/*
 * The sensitive-fields option as the Options page edits it: one line per content type,
 * `api::customer.customer: lastLoginIp, phone`. Formatting and parsing (with a message per bad line);
 * whether the names exist is the server's business. Pure.
 */

export type SensitiveFields = Record<string, string[]>;

export function formatSensitiveFields(value: unknown): string {
  if (!value || typeof value !== 'object') return '';
  return Object.entries(value as SensitiveFields)
    .map(([uid, fields]) => `${uid}: ${(Array.isArray(fields) ? fields : []).join(', ')}`)
    .join('\n');
}

export type ParsedSensitiveFields = { ok: true; value: SensitiveFields } | { ok: false; problems: { line: number; kind: 'badLine' | 'noFields' }[] };

const LINE = /^([^\s:]+::[^\s:]+)\s*:(.*)$/;

export function parseSensitiveFields(text: string): ParsedSensitiveFields {
  const value: SensitiveFields = {};
  const problems: { line: number; kind: 'badLine' | 'noFields' }[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const match = LINE.exec(line);
    if (!match) return problems.push({ line: index + 1, kind: 'badLine' });
    const fields = match[2]!.split(',').map((f) => f.trim()).filter(Boolean);
    if (!fields.length) return problems.push({ line: index + 1, kind: 'noFields' });
    value[match[1]!] = [...new Set([...(value[match[1]!] ?? []), ...fields])];
  });
  return problems.length ? { ok: false, problems } : { ok: true, value };
}
