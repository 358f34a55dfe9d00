/*
 * Every admin language is complete: each translations/*.json has exactly the keys of en.json, the same ICU
 * arguments (names, plural/select kinds and their cases) and tags per key, and no value left in English
 * beyond a short list of names and protocol terms that German writes the same way.
 */
import fs from 'node:fs';
import path from 'node:path';

const DIR = path.join(__dirname, '..', '..', 'admin', 'src', 'translations');
const read = (file: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));
const en = read('en.json');
const languages = fs.readdirSync(DIR).filter((file) => file.endsWith('.json') && file !== 'en.json');

// Product names, protocols and words German writes exactly as English does.
const SAME_AS_ENGLISH = new Set([
  'SMTP', 'SPF', 'DKIM', 'DMARC', 'MX', 'MTA-STS', 'TLS-RPT', 'STARTTLS', 'SSL', 'SSL/TLS', 'OAuth2', 'HTML',
  'Base64', 'Quoted-printable', 'RSA 2048', 'Message-ID', 'PID', 'Cc', 'Bcc', 'Google (Gmail, Workspace)',
  'Microsoft 365 / Outlook', 'Name', 'Status', 'Host', 'Port', 'Code', 'Text', 'Test', 'Version', 'Layout',
  'Desktop', 'Domain', 'Failover', '(optional)',
]);

interface Cursor { text: string; at: number }

/** Signatures of a message's arguments and tags, e.g. "count:plural[one,other]", "name", "<b>". */
function messageSignature(message: string): string[] {
  const found = new Set<string>();
  const cursor = { text: message, at: 0 };
  readMessage(cursor, found, false);
  if (cursor.at < message.length) throw new Error(`unbalanced "}" at ${cursor.at} in: ${message}`);
  return [...found].sort();
}

// Reads literal text and arguments until the "}" that closes an enclosing plural case (left unread).
function readMessage(c: Cursor, found: Set<string>, inPlural: boolean): void {
  while (c.at < c.text.length) {
    const ch = c.text[c.at]!;
    const next = c.text[c.at + 1];
    if (ch === "'" && next === "'") c.at += 2;
    else if (ch === "'" && (next === '{' || next === '}' || (inPlural && next === '#'))) c.at = skipQuoted(c);
    else if (ch === '{') readArgument(c, found);
    else if (ch === '}') return;
    else if (ch === '<' && /[a-zA-Z/]/.test(next ?? '')) readTag(c, found);
    else c.at += 1;
  }
}

function skipQuoted(c: Cursor): number {
  const end = c.text.indexOf("'", c.at + 1);
  if (end < 0) throw new Error(`unterminated quote in: ${c.text}`);
  return end + 1;
}

function readTag(c: Cursor, found: Set<string>): void {
  const match = /^<\/?([a-zA-Z][\w-]*)\s*\/?>/.exec(c.text.slice(c.at));
  if (!match) { c.at += 1; return; }
  found.add(`<${match[1]}>`);
  c.at += match[0].length;
}

function readArgument(c: Cursor, found: Set<string>): void {
  const head = /^\{\s*(\w+)\s*(?:,\s*(\w+)\s*)?([,}])/.exec(c.text.slice(c.at));
  if (!head) throw new Error(`unreadable argument at ${c.at} in: ${c.text}`);
  const [whole, name, kind, end] = head;
  c.at += whole.length;
  if (!kind) { found.add(name!); return; }
  if (kind !== 'plural' && kind !== 'select' && kind !== 'selectordinal') {
    if (end === ',') c.at = c.text.indexOf('}', c.at) + 1;
    found.add(`${name}:${kind}`);
    return;
  }
  found.add(`${name}:${kind}[${readCases(c, found, kind !== 'select').join(',')}]`);
}

// Reads "one {…} other {…}}" up to and including the argument's closing "}"; returns the case names.
function readCases(c: Cursor, found: Set<string>, plural: boolean): string[] {
  const cases: string[] = [];
  for (;;) {
    const selector = /^\s*(offset:\s*\d+\s+)?(=?[\w-]+)\s*\{|^\s*\}/.exec(c.text.slice(c.at));
    if (!selector) throw new Error(`unreadable plural case at ${c.at} in: ${c.text}`);
    c.at += selector[0].length;
    if (!selector[2]) return cases.sort();
    cases.push(selector[2]);
    readMessage(c, found, plural);
    if (c.text[c.at] !== '}') throw new Error(`unterminated plural case in: ${c.text}`);
    c.at += 1;
  }
}

// The words of a value without its arguments, to compare with the English one.
const words = (message: string): string => message.replace(/\{[^{}]*\}/g, '').trim();

it('reads ICU arguments, plural cases, quoted braces and tags', () => {
  expect(messageSignature("{count, plural, one {# file} other {# files}} in {name}, '{{ record.x }}'")).toEqual(['count:plural[one,other]', 'name']);
  expect(messageSignature('{n, number} <b>{who}</b>')).toEqual(['<b>', 'n:number', 'who']);
  expect(messageSignature('{a, select, x {{b}} other {c}}')).toEqual(['a:select[other,x]', 'b']);
});

it('there is at least one other language than English', () => {
  expect(languages).toContain('de.json');
});

describe.each(languages)('%s', (file) => {
  const translated = read(file);

  it('has exactly the keys of en.json', () => {
    const missing = Object.keys(en).filter((key) => !(key in translated));
    const extra = Object.keys(translated).filter((key) => !(key in en));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('keeps the ICU arguments, plural cases and tags of every English message', () => {
    const different = Object.keys(en)
      .filter((key) => key in translated)
      .filter((key) => messageSignature(en[key]!).join(' ') !== messageSignature(translated[key]!).join(' '))
      .map((key) => ({ key, en: messageSignature(en[key]!), [file]: messageSignature(translated[key]!) }));
    expect(different).toEqual([]);
  });

  it('translates every message except names and terms written the same way', () => {
    const untranslated = Object.keys(en).filter((key) => {
      const text = words(en[key]!);
      return translated[key] === en[key] && /\p{L}/u.test(text) && !SAME_AS_ENGLISH.has(text);
    });
    expect(untranslated).toEqual([]);
  });
});
