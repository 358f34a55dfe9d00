/*
 * The README's error-code reference is the catalog: every code of core/errors.ts with its HTTP status
 * (controllers/respond.ts) and its meaning, and nothing else.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ERROR_CODES } from '../../server/src/core/errors';
import { ERROR_STATUS } from '../../server/src/controllers/respond';

function documentedCodes(): { code: string; status: number; meaning: string }[] {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.split('### Error codes')[1]?.split('\n#')[0] ?? '';
  return [...section.matchAll(/^\| `([A-Z_]+)` \| (\d+) \| (.*) \|$/gm)].map(([, code, status, meaning]) => ({ code: code!, status: Number(status), meaning: meaning! }));
}

it('documents every error code with its status and meaning, in the catalog order', () => {
  const expected = Object.entries(ERROR_CODES).map(([code, meaning]) => ({ code, status: ERROR_STATUS[code as keyof typeof ERROR_CODES].status, meaning }));
  expect(documentedCodes()).toEqual(expected);
});
