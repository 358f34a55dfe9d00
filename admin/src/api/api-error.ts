/*
 * Turns a failed request into what the UI shows: the server's message, and each problem the server
 * named with its field path, 400 and 409 alike. Knows Strapi's error envelope; never decides where or
 * how a problem is displayed (components/form/use-form-problems.ts does, for every editor).
 */
import { isFetchError } from '@strapi/strapi/admin';

export interface FieldProblem {
  /** Dotted field path (`recipients.to.0.path`, `mailbox.` prefix of probe bodies removed); '' for none. */
  path: string;
  message: string;
}

export interface ApiProblem {
  /** The server's message: for a 400 every `path: message`, for a 409 the conflict as a sentence. */
  message: string;
  /** Every problem in the server's order (a template names each faulty line). */
  problems: FieldProblem[];
  /** Field path -> its first message (firstMessages of `problems`). */
  fieldErrors: Record<string, string>;
}

interface ErrorBody {
  error?: { message?: string; details?: { errors?: { path?: string[]; message?: string }[] } };
}

export function toApiProblem(error: unknown): ApiProblem {
  if (!isFetchError(error)) {
    return { message: error instanceof Error ? error.message : String(error), problems: [], fieldErrors: {} };
  }
  const body = error.response?.data as ErrorBody | undefined;
  const problems: FieldProblem[] = [];
  for (const { path: segments = [], message } of body?.error?.details?.errors ?? []) {
    if (message) problems.push({ path: (segments[0] === 'mailbox' ? segments.slice(1) : segments).join('.'), message });
  }
  return { message: body?.error?.message ?? error.message, problems, fieldErrors: firstMessages(problems) };
}

/** Field path -> its first message, the most specific one (zod reports in schema order). */
export function firstMessages(problems: readonly FieldProblem[]): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const { path, message } of problems) if (path) messages[path] ??= message;
  return messages;
}

/** Field path -> all its messages, one per line, for the source fields that show every faulty line. */
export function allMessages(problems: readonly FieldProblem[]): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const { path, message } of problems) if (path) messages[path] = messages[path] ? `${messages[path]}\n${message}` : message;
  return messages;
}

/**
 * The reason of a refused action that has no form fields (retry, cancel): the one problem's own
 * message when the server named exactly one ("only queued messages can be cancelled"), without its
 * internal field name; otherwise the server's message.
 */
export function refusalReason(problem: ApiProblem): string {
  return problem.problems.length === 1 ? problem.problems[0].message : problem.message;
}
