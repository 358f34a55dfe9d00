/*
 * The plugin's error catalog and error classes. Pure: no Strapi, no I/O.
 * Controllers turn these into HTTP errors (400 with the field, 403, 404, 409); nothing here knows HTTP.
 */

export const ERROR_CODES = {
  INVALID_INPUT: 'A field of the request is missing, malformed or not allowed.',
  INVALID_CONFIG: 'The plugin options in config/plugins are invalid; Strapi will not start until they are fixed.',
  NOT_FOUND: 'The requested item does not exist (or was deleted).',
  FORBIDDEN: 'The signed-in admin may not see what the request needs (a record their role may not read in the Content Manager).',
  CONFLICT: 'The change conflicts with existing data (for example a name that is already taken).',
  SECRET_KEY_MISSING: 'No encryption key is configured, so secrets cannot be stored.',
  SECRET_UNREADABLE: 'A stored secret cannot be decrypted with the current or a previous encryption key (the key changed?).',
  MAILBOX_UNUSABLE: 'The mailbox cannot be used for sending (disabled, incoming-only or incomplete).',
  MESSAGE_TOO_LARGE: 'A rendered message is larger than templates.maxRenderedBytes allows.',
  READ_ONLY: 'The item is declared in the plugin options (config/plugins) and can only be changed there.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `port` or `defaultMailbox.host`. */
  path: string;
  /** What is wrong and how to fix it, in plain language. */
  message: string;
}

export class PluginError extends Error {
  readonly code: ErrorCode;
  readonly problems: FieldProblem[];

  constructor(code: ErrorCode, message: string, problems: FieldProblem[] = []) {
    super(message);
    this.name = 'PluginError';
    this.code = code;
    this.problems = problems;
  }
}

/** Bad input: one or more fields named with the reason. Always a 400, and nothing was written. */
export class InputError extends PluginError {
  constructor(problems: FieldProblem[], message?: string) {
    super('INVALID_INPUT', message ?? summarizeProblems(problems), problems);
    this.name = 'InputError';
  }
}

export class NotFoundError extends PluginError {
  constructor(what: string, id: string | number) {
    super('NOT_FOUND', `${what} ${id} does not exist.`);
    this.name = 'NotFoundError';
  }
}

/** The admin's role does not allow what the request needs; the message says what and where to change it. */
export class ForbiddenError extends PluginError {
  constructor(reason: string) {
    super('FORBIDDEN', capitalize(reason));
    this.name = 'ForbiddenError';
  }
}

export class ConflictError extends PluginError {
  constructor(problems: FieldProblem[]) {
    // A conflict is about the state of things, not a form field: the message reads as a sentence.
    super('CONFLICT', problems.map((p) => capitalize(p.message)).join(' '), problems);
    this.name = 'ConflictError';
  }
}

function capitalize(text: string): string {
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

export function summarizeProblems(problems: FieldProblem[]): string {
  if (problems.length === 0) return 'Invalid input.';
  return problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ');
}
