/*
 * `privacy.sensitiveFields` must name real content types and attributes: a typo there would silently
 * leave a field reachable. Checked at start-up (file options) and when an admin saves the setting.
 */
import type { Core } from '@strapi/strapi';
import type { FieldProblem } from '../core/errors';

export function sensitiveFieldProblems(strapi: Core.Strapi, sensitive: Record<string, string[]>, prefix = 'privacy.sensitiveFields'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [uid, fields] of Object.entries(sensitive)) {
    const model = strapi.getModel(uid as never) as { attributes: Record<string, unknown> } | undefined;
    if (!model) {
      problems.push({ path: `${prefix}.${uid}`, message: `there is no content type "${uid}" (use a UID such as api::customer.customer)` });
      continue;
    }
    fields.forEach((field, index) => {
      if (!Object.hasOwn(model.attributes, field)) problems.push({ path: `${prefix}.${uid}.${index}`, message: `${uid} has no attribute "${field}"` });
    });
  }
  return problems;
}
