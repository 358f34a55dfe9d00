/*
 * What the variable list inserts into a template: `{{ record.number }}` for a value, an
 * `{{#each records}}…{{/each}}` block for a list and for the fields of its items (`records[].number`
 * -> `{{#each records}}{{ number }}{{/each}}`). Pure.
 */
import type { TemplateVariable } from '../api/template-types';

export function variableSnippet(variable: Pick<TemplateVariable, 'path' | 'list'>): string {
  // Free-form data (`payload.*`): any field name goes; suggest one to replace.
  const path = variable.path.replace(/\.\*$/, '.field');
  const lists = path.split('[].');
  const leaf = lists.pop()!;
  const inner = variable.list ? `{{#each ${leaf}}}…{{/each}}` : `{{ ${leaf} }}`;
  return lists.reduceRight((body, list) => `{{#each ${list}}}${body}{{/each}}`, inner);
}
