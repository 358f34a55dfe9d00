/*
 * Notification profiles: each admin user chooses the rule categories they want to receive (rules
 * with `{ "subscribers": true }` recipients) and, optionally, another address to receive them at.
 * An admin reads and changes only their own profile.
 */
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { parseInput } from '../core/parse-input';
import { NOTIFICATION_PROFILE_UID, RULE_UID } from '../content-types/uids';

const profileSchema = z
  .object({
    categories: z.array(z.string().regex(/^(\*|[a-z0-9][a-z0-9-]{0,63})$/, 'must be a rule category like "rma" (or "*" for all)')).max(100),
    alternativeEmail: z.string().trim().max(320).email('must be an email address').nullable().optional().or(z.literal('')),
    paused: z.boolean().optional(),
  })
  .strict();

interface ProfileRow {
  id: number;
  adminUserId: number;
  categories: string[];
  alternativeEmail: string | null;
  paused: boolean;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(NOTIFICATION_PROFILE_UID);

  async function categoriesInUse(): Promise<string[]> {
    const rows = (await strapi.db.query(RULE_UID).findMany({ select: ['category'] })) as { category: string }[];
    return [...new Set(rows.map((r) => r.category))].sort();
  }

  async function view(userId: number, email: string) {
    const row = (await query().findOne({ where: { adminUserId: userId } })) as ProfileRow | null;
    return {
      email,
      categories: row?.categories ?? [],
      alternativeEmail: row?.alternativeEmail ?? null,
      paused: row?.paused ?? false,
      availableCategories: await categoriesInUse(),
    };
  }

  return {
    get: (user: { id: number; email: string }) => view(user.id, user.email),
    async update(user: { id: number; email: string }, body: unknown) {
      const input = parseInput(profileSchema, body);
      const data = { categories: [...new Set(input.categories)], alternativeEmail: input.alternativeEmail || null, paused: input.paused ?? false };
      const existing = (await query().findOne({ where: { adminUserId: user.id } })) as ProfileRow | null;
      if (existing) await query().update({ where: { id: existing.id }, data });
      else await query().create({ data: { ...data, adminUserId: user.id } });
      return view(user.id, user.email);
    },
  };
};
