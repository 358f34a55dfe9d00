/*
 * The template form's values (strings, as the inputs hold them) and their conversions from the DTO and
 * to the request body: empty optional fields become null, fields that do not apply to the category are
 * left out (null). Pure; the server validates.
 */
import { CATEGORIES_WITH_RECORDS, type Template, type TemplateBody, type TemplateCategory } from '../../api/template-types';

export interface TemplateFormValues {
  name: string;
  description: string;
  category: TemplateCategory;
  contentType: string;
  subject: string;
  mjml: string;
  text: string;
  locale: string;
  /** '' = the built-in master layout. */
  layout: string;
  brandName: string;
  logoUrl: string;
  footer: string;
}

/** The fields whose server errors the form shows under an input. */
export type TemplateField = keyof TemplateFormValues;

const STARTER_MJML = `<mj-section>
  <mj-column>
    <mj-text>
      <p>Hello,</p>
    </mj-text>
  </mj-column>
</mj-section>`;

export const NEW_TEMPLATE: TemplateFormValues = {
  name: '',
  description: '',
  category: 'record',
  contentType: '',
  subject: '',
  mjml: STARTER_MJML,
  text: '',
  locale: 'en',
  layout: '',
  brandName: '',
  logoUrl: '',
  footer: '',
};

export const hasRecords = (category: TemplateCategory) => CATEGORIES_WITH_RECORDS.includes(category);
export const isLayout = (category: TemplateCategory) => category === 'layout';

export function toFormValues(template: Template): TemplateFormValues {
  return {
    name: template.name,
    description: template.description ?? '',
    category: template.category,
    contentType: template.contentType ?? '',
    subject: template.subject ?? '',
    mjml: template.mjml,
    text: template.text ?? '',
    locale: template.locale,
    // Naming `master` is the same as naming none: one choice in the form.
    layout: template.layout === 'master' ? '' : (template.layout ?? ''),
    brandName: template.brandName ?? '',
    logoUrl: template.logoUrl ?? '',
    footer: template.footer ?? '',
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : value);

export function toRequestBody(values: TemplateFormValues): TemplateBody {
  const layout = isLayout(values.category);
  return {
    name: values.name.trim(),
    description: orNull(values.description),
    category: values.category,
    contentType: hasRecords(values.category) ? orNull(values.contentType) : null,
    subject: layout ? null : values.subject,
    mjml: values.mjml,
    text: orNull(values.text),
    locale: values.locale.trim(),
    layout: layout ? null : orNull(values.layout),
    brandName: layout ? orNull(values.brandName) : null,
    logoUrl: layout ? orNull(values.logoUrl) : null,
    footer: layout ? orNull(values.footer) : null,
  };
}

/** What the live preview renders: the form as it is, under a placeholder name (names are checked on save). */
export function toPreviewTemplate(values: TemplateFormValues): TemplateBody {
  return { ...toRequestBody(values), name: 'preview' };
}
