/*
 * Turns a failed request into what the UI shows: the server's message for a notification and one
 * message per form field. Knows Strapi's error envelope; never decides how errors are displayed.
 */
import { isFetchError } from '@strapi/strapi/admin';

export interface ApiProblem {
  status: number | null;
  message: string;
  /** Field name (dotted path, `mailbox.` prefix of probe bodies removed) -> message. */
  fieldErrors: Record<string, string>;
  /** Field name -> every message for it, in the server's order (a template names each faulty line). */
  fieldErrorLists: Record<string, string[]>;
}

interface ErrorBody {
  error?: { message?: string; details?: { errors?: { path?: string[]; message?: string }[] } };
}

export function toApiProblem(error: unknown): ApiProblem {
  if (!isFetchError(error)) {
    return { status: null, message: error instanceof Error ? error.message : String(error), fieldErrors: {}, fieldErrorLists: {} };
  }
  const body = error.response?.data as ErrorBody | undefined;
  const fieldErrors: Record<string, string> = {};
  const fieldErrorLists: Record<string, string[]> = {};
  for (const problem of body?.error?.details?.errors ?? []) {
    const segments = problem.path ?? [];
    const path = (segments[0] === 'mailbox' ? segments.slice(1) : segments).join('.');
    if (!path || !problem.message) continue;
    // The first message per field is the most specific one (zod reports in schema order).
    fieldErrors[path] ??= problem.message;
    (fieldErrorLists[path] ??= []).push(problem.message);
  }
  return { status: error.status ?? null, message: body?.error?.message ?? error.message, fieldErrors, fieldErrorLists };
}
