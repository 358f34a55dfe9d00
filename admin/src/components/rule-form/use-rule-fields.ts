/*
 * The record fields a rule can name for its content type (condition fields, recipient paths, the time
 * field), from the template variables of the `record` category without the `record.` prefix. Empty
 * while no content type is chosen or when the admin may not read templates: fields are then typed.
 */
import * as React from 'react';
import { useTemplateVariables } from '../../api/template-queries';

export interface RuleField {
  /** `stage`, `customer.email`. */
  path: string;
  type: string;
}

const PREFIX = 'record.';

export function useRuleFields(contentType: string): { fields: RuleField[]; types: ReadonlyMap<string, string> } {
  const variables = useTemplateVariables('record', contentType || null);
  return React.useMemo(() => {
    const fields = contentType
      ? (variables.data?.variables ?? [])
          .filter((variable) => variable.path.startsWith(PREFIX) && !variable.path.includes('[]') && !variable.path.includes('*') && !variable.list)
          .map((variable) => ({ path: variable.path.slice(PREFIX.length), type: variable.type }))
      : [];
    return { fields, types: new Map(fields.map((field) => [field.path, field.type])) };
  }, [contentType, variables.data]);
}
