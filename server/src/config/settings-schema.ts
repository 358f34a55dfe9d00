/*
 * The options an admin may change in the admin panel (Settings > Email notifications > Options).
 * They override the file options until changed again; everything else stays in config/plugins.
 * Pure zod, derived from the options schema so units, limits and defaults cannot drift apart.
 */
import { z } from 'zod';
import { pluginConfigSchema } from './schema';

const shape = pluginConfigSchema._def.schema.shape;
const delivery = shape.delivery._def.innerType.pick({
  deliveryDelaySeconds: true,
  maxAttempts: true,
  backoffBaseMs: true,
  backoffMaxMs: true,
  textEncoding: true,
  captureStrapiEmail: true,
  stuckAfterMinutes: true,
});
const retention = shape.retention._def.innerType;
const templates = shape.templates._def.innerType.pick({ maxRenderedBytes: true, maxAttachmentBytes: true });
const privacy = shape.privacy._def.innerType;
const flood = shape.flood._def.innerType;

/** Stored overrides, and the body of PUT /settings: any subset. */
export const settingsOverridesSchema = z
  .object({
    delivery: z.object(Object.fromEntries(Object.entries(delivery.shape).map(([k, v]) => [k, unwrapDefault(v).optional()]))).strict().optional(),
    retention: z.object(Object.fromEntries(Object.entries(retention.shape).map(([k, v]) => [k, unwrapDefault(v).optional()]))).strict().optional(),
    templates: z.object(Object.fromEntries(Object.entries(templates.shape).map(([k, v]) => [k, unwrapDefault(v).optional()]))).strict().optional(),
    privacy: z.object(Object.fromEntries(Object.entries(privacy.shape).map(([k, v]) => [k, unwrapDefault(v).optional()]))).strict().optional(),
    flood: z.object(Object.fromEntries(Object.entries(flood.shape).map(([k, v]) => [k, unwrapDefault(v).optional()]))).strict().optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    const base = value.delivery?.backoffBaseMs as number | undefined;
    const max = value.delivery?.backoffMaxMs as number | undefined;
    if (base !== undefined && max !== undefined && base > max) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['delivery', 'backoffMaxMs'], message: 'must be at least backoffBaseMs' });
    }
  });

export type SettingsOverrides = z.infer<typeof settingsOverridesSchema>;

export const EDITABLE_SETTINGS = {
  delivery: Object.keys(delivery.shape),
  retention: Object.keys(retention.shape),
  templates: Object.keys(templates.shape),
  privacy: Object.keys(privacy.shape),
  flood: Object.keys(flood.shape),
};

export type SettingsSection = keyof typeof EDITABLE_SETTINGS;
export const SETTINGS_SECTIONS = Object.keys(EDITABLE_SETTINGS) as SettingsSection[];

function unwrapDefault(schema: z.ZodTypeAny): z.ZodTypeAny {
  return schema instanceof z.ZodDefault ? schema._def.innerType : schema;
}
