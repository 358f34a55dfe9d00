/*
 * A template as the API, the editor and import files give it: the zod shape, then the checks of its
 * parts against the template language and its context (variables exist and are not private). MJML
 * compilation errors are checked by the caller (the MJML compiler is not pure). Pure.
 */
import { z } from 'zod';
import type { FieldProblem } from '../errors';
import { InputError } from '../errors';
import type { ModelLookup, SensitiveFields } from '../schema/content-model';
import { zodProblems } from '../zod-problems';
import { checkVariables } from './check-variables';
import { checkLayoutSlot } from './layout';
import { CONTENT_SLOT, parseTemplate, type TemplateNode } from './template-syntax';
import { CATEGORIES_WITH_RECORDS, contextShape, TEMPLATE_CATEGORIES, type Shape, type TemplateCategory } from './variable-shape';

export const TEMPLATE_NAME = /^[a-z0-9][a-z0-9-]{0,99}$/;

const optionalText = (max: number) => z.string().max(max).nullable().optional();

export const templateInputSchema = z
  .object({
    name: z.string().regex(TEMPLATE_NAME, 'use lower-case letters, digits and dashes (e.g. rma-stage-changed)'),
    description: optionalText(1000),
    category: z.enum(TEMPLATE_CATEGORIES),
    /** For record, time and digest templates: the content type its variables come from. */
    contentType: z
      .string()
      .regex(/^(api|plugin|admin)::[a-z0-9-]+(\.[a-z0-9-]+)?$/, 'must be a content type UID such as api::rma.rma')
      .nullable()
      .optional(),
    subject: z.string().max(998).refine((v) => !/[\r\n]/.test(v), 'must be one line').nullable().optional(),
    mjml: z.string().min(1, 'is required: the MJML body of the email').max(500_000),
    /** The text part; derived from the HTML when empty. */
    text: optionalText(200_000),
    locale: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'must be a language tag such as en or de-CH').default('en'),
    /** Name of the master layout that wraps it (null: the built-in master layout). */
    layout: z.string().regex(TEMPLATE_NAME, 'must name a layout template').nullable().optional(),
    brandName: optionalText(200),
    logoUrl: z.string().url('must be an absolute URL (https://…)').max(2000).nullable().optional().or(z.literal('')),
    footer: optionalText(2000),
  })
  .strict();

export type TemplateInput = z.input<typeof templateInputSchema>;
export type TemplateFields = z.output<typeof templateInputSchema>;

export interface CheckedTemplate {
  fields: TemplateFields;
  shape: Shape;
  subject: TemplateNode[];
  body: TemplateNode[];
  text: TemplateNode[] | null;
}

/** Validates a template; throws an InputError listing every problem (nothing is saved then). */
export function checkTemplate(input: unknown, options: { lookup: ModelLookup; sensitive: SensitiveFields }): CheckedTemplate {
  const parsed = templateInputSchema.safeParse(input);
  if (!parsed.success) throw new InputError(zodProblems(parsed.error));
  const fields = parsed.data;
  const problems: FieldProblem[] = [];
  const isLayout = fields.category === 'layout';
  if (fields.contentType && !CATEGORIES_WITH_RECORDS.has(fields.category)) problems.push({ path: 'contentType', message: `only record, time and digest templates show a content type's fields; remove it` });
  else if (fields.contentType && !options.lookup(fields.contentType)) problems.push({ path: 'contentType', message: `there is no content type "${fields.contentType}"` });
  if (!isLayout && !fields.subject) problems.push({ path: 'subject', message: 'is required' });
  if (isLayout) problems.push(...checkLayoutSlot(fields.mjml));
  if (isLayout && fields.layout) problems.push({ path: 'layout', message: 'a master layout cannot itself use a layout' });
  if (problems.length) throw new InputError(problems);

  const shape = contextShape({ category: fields.category, contentType: fields.contentType, lookup: options.lookup, sensitive: options.sensitive });
  const part = (source: string, field: string): TemplateNode[] => {
    const result = parseTemplate(source, field);
    if (!result.ok) {
      problems.push(...result.problems);
      return [];
    }
    problems.push(...checkVariables(result.nodes, shape, field));
    return result.nodes;
  };
  const subject = part(fields.subject ?? '', 'subject');
  // The layout's slot is a marker, not template syntax: check the layout with it removed.
  const body = part(isLayout ? fields.mjml.replace(CONTENT_SLOT, '') : fields.mjml, 'mjml');
  const text = fields.text ? part(fields.text, 'text') : null;
  if (problems.length) throw new InputError(problems);
  return { fields, shape, subject, body, text };
}

/** Checks the parts of an inline template (a rule's own subject/text/mjml/html) against a context; problems carry `prefix`. */
export function checkInlineParts(
  parts: Partial<Record<'subject' | 'text' | 'mjml' | 'html', string>>,
  options: { category: TemplateCategory; contentType: string | null; lookup: ModelLookup; sensitive: SensitiveFields; prefix: string },
): FieldProblem[] {
  const shape = contextShape({ category: options.category, contentType: options.contentType, lookup: options.lookup, sensitive: options.sensitive });
  const problems: FieldProblem[] = [];
  for (const [field, source] of Object.entries(parts)) {
    if (source === undefined) continue;
    const path = `${options.prefix}.${field}`;
    const parsed = parseTemplate(source, path);
    if (!parsed.ok) problems.push(...parsed.problems);
    else problems.push(...checkVariables(parsed.nodes, shape, path));
  }
  return problems;
}
