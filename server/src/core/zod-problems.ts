/*
 * Turns zod issues into FieldProblems with a path and a fix a person can act on.
 * Pure; used for request bodies and for the plugin options alike.
 */
import type { ZodError, ZodIssue } from 'zod';
import type { FieldProblem } from './errors';

export function zodProblems(error: ZodError, prefix = ''): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: joinPath(prefix, issue.path),
    message: describeIssue(issue),
  }));
}

function joinPath(prefix: string, path: (string | number)[]): string {
  const own = path.map(String).join('.');
  if (!prefix) return own;
  return own ? `${prefix}.${own}` : prefix;
}

function describeIssue(issue: ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}: remove them (check the spelling against the documented fields)`;
    case 'invalid_type':
      if (issue.received === 'undefined') return 'is required';
      return `must be ${article(issue.expected)}, got ${issue.received}`;
    case 'invalid_enum_value':
      return `must be one of ${issue.options.map((o) => `"${String(o)}"`).join(', ')}`;
    case 'too_small':
      if (issue.type === 'string') return issue.minimum === 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters`;
      if (issue.type === 'number') return `must be ${issue.inclusive ? 'at least' : 'greater than'} ${issue.minimum}`;
      return issue.message;
    case 'too_big':
      if (issue.type === 'string') return `must be at most ${issue.maximum} characters`;
      if (issue.type === 'number') return `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`;
      return issue.message;
    case 'invalid_string':
      if (issue.validation === 'email') return 'must be a valid email address, like helpdesk@example.com';
      if (issue.validation === 'url') return 'must be a valid URL';
      return issue.message;
    default:
      return issue.message;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
