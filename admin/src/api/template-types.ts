/*
 * Shapes of the template routes (/email-notifications/templates...): the DTO, the request body, versions,
 * diff, files, preview and variables. They mirror server/src/services/templates.ts; the server is the authority.
 */

export const TEMPLATE_CATEGORIES = ['record', 'time', 'digest', 'event', 'smtp-alert', 'test', 'general', 'layout'] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

/** Categories whose templates show the fields of one content type's records. */
export const CATEGORIES_WITH_RECORDS: readonly TemplateCategory[] = ['record', 'time', 'digest'];

/** The editable fields of a template (what versions keep and exports write). */
export interface TemplateFields {
  name: string;
  description: string | null;
  category: TemplateCategory;
  contentType: string | null;
  subject: string | null;
  mjml: string;
  text: string | null;
  locale: string;
  /** Name of the layout template around it; null: the built-in `master`. */
  layout: string | null;
  brandName: string | null;
  logoUrl: string | null;
  footer: string | null;
}

export interface Template extends TemplateFields {
  id: string;
  /** Key of the built-in it started as, null for the admin's own templates. */
  builtIn: string | null;
  /** In the list only: a built-in still as shipped (true) or edited (false); null otherwise. */
  isDefault?: boolean | null;
  version: number;
  editedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Body of POST and PUT /templates: exactly the editable fields (unknown fields are refused). */
export type TemplateBody = TemplateFields;

export interface TemplateVersion {
  version: number;
  savedBy: string | null;
  createdAt: string;
}

export interface TemplateDiff {
  from: number;
  to: number;
  /** Unified diff from version `from` to the current template. */
  patch: string;
}

export interface TemplateFile {
  name: string;
  content: string;
}

export interface ImportResult {
  file: string;
  created: boolean;
  template: Template;
}

export interface PreviewRequest {
  template: TemplateBody;
  documentId?: string;
}

export interface PreviewProblem {
  path: string | string[];
  message: string;
}

/** 200 even when the template has problems; without subject/html when it could not be checked at all. */
export interface PreviewResult {
  ok: boolean;
  problems: PreviewProblem[];
  subject?: string;
  html?: string;
  text?: string;
  sizeBytes?: number;
  maxBytes?: number;
}

export interface TemplateVariable {
  /** `record.customer.email`; list items as `records[].number`; free-form data as `payload.*`. */
  path: string;
  type: string;
  description?: string;
  list?: boolean;
}

export interface TemplateVariables {
  variables: TemplateVariable[];
  refused: { field: string; reason: string }[];
  contentTypes: { uid: string; displayName: string }[];
}
