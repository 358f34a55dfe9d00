/*
 * What an admin may write in their notification profile: the rule categories to receive ("*" for
 * all), another address to receive them at, and a pause switch. Pure: a zod schema only.
 */
import { z } from 'zod';

export const profileInputSchema = z
  .object({
    categories: z.array(z.string().regex(/^(\*|[a-z0-9][a-z0-9-]{0,63})$/, 'must be a rule category like "rma" (or "*" for all)')).max(100),
    alternativeEmail: z.string().trim().max(320).email('must be an email address').nullable().optional().or(z.literal('')),
    paused: z.boolean().optional(),
  })
  .strict();
