/*
 * The live preview of the form: ~400 ms after the last change, POST /templates/preview with the
 * unsaved fields (and the chosen record). Keeps the last successful render on screen while the
 * template has problems, and turns those problems into messages per form field.
 */
import * as React from 'react';
import { useTemplatePreview } from '../../api/template-queries';
import type { PreviewResult } from '../../api/template-types';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { toPreviewTemplate, type TemplateField, type TemplateFormValues } from './template-values';

const DEBOUNCE_MS = 400;

export function useLivePreview(values: TemplateFormValues, documentId: string) {
  const record = documentId.trim();
  const request = useDebouncedValue({ template: toPreviewTemplate(values), ...(record ? { documentId: record } : {}) }, DEBOUNCE_MS);
  const query = useTemplatePreview(request);
  const lastRendered = React.useRef<PreviewResult | null>(null);
  if (query.data?.html !== undefined) lastRendered.current = query.data;

  const fieldProblems = React.useMemo(() => {
    const byField: Partial<Record<TemplateField, string>> = {};
    for (const problem of query.data?.problems ?? []) {
      const field = (Array.isArray(problem.path) ? problem.path[0] : problem.path.split('.')[0]) as TemplateField;
      byField[field] = byField[field] ? `${byField[field]}\n${problem.message}` : problem.message;
    }
    return byField;
  }, [query.data]);

  return {
    result: query.data,
    /** The last render that produced HTML (the current one when the template is fine). */
    rendered: lastRendered.current,
    fieldProblems,
    error: query.error,
    isFetching: query.isFetching,
  };
}

export type LivePreview = ReturnType<typeof useLivePreview>;
