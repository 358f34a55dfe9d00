/*
 * The body of POST /templates/preview: a saved template (templateId), unsaved edits over it or a
 * whole unsaved template (template), and optionally a record to fill it with.
 */
import { z } from 'zod';

export const previewRequestSchema = z
  .object({
    templateId: z.string().min(1).max(64).optional(),
    /** Unsaved fields laid over the saved template (or a whole template without templateId). */
    template: z.record(z.unknown()).optional(),
    /** The content type of the record to preview with (default: the template's). */
    contentType: z.string().min(3).max(200).optional(),
    documentId: z.string().min(1).max(64).optional(),
    /** Time zone for dates (default: the site's). */
    timezone: z.string().min(1).max(64).optional(),
  })
  .strict()
  .refine((v) => v.templateId || v.template, { message: 'give a templateId or a template', path: ['templateId'] });
