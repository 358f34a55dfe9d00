/*
 * Inserting a variable at the cursor: remembers which source field (subject, MJML, text part) had the
 * focus last and where its selection was, replaces the selection with the snippet through the form's
 * setter, then puts the focus and the cursor back right after it.
 */
import * as React from 'react';

export type SourceField = 'subject' | 'mjml' | 'text';

export interface SourceRefs {
  subject: React.RefObject<HTMLInputElement>;
  mjml: React.RefObject<HTMLTextAreaElement>;
  text: React.RefObject<HTMLTextAreaElement>;
}

export function useSnippetInsertion(values: Record<SourceField, string>, set: (field: SourceField, value: string) => void) {
  const subject = React.useRef<HTMLInputElement>(null);
  const mjml = React.useRef<HTMLTextAreaElement>(null);
  const text = React.useRef<HTMLTextAreaElement>(null);
  const refs: SourceRefs = { subject, mjml, text };
  const [target, setTarget] = React.useState<SourceField>('mjml');

  const insert = (snippet: string) => {
    // The subject is hidden for layouts: fall back to the body.
    const field = refs[target].current ? target : 'mjml';
    const element = refs[field].current;
    const current = values[field];
    const start = element?.selectionStart ?? current.length;
    const end = element?.selectionEnd ?? start;
    set(field, current.slice(0, start) + snippet + current.slice(end));
    const cursor = start + snippet.length;
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(cursor, cursor);
    });
  };

  return { refs, target, setTarget, insert };
}
