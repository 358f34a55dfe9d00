/*
 * The only code that writes notification profiles: each admin user chooses the rule categories they
 * want to receive (rules with `{ "subscribers": true }` recipients) and, optionally, another address
 * to receive them at. An admin reads and changes only their own profile.
 */
import type { Core } from '@strapi/strapi';
import { parseInput } from '../core/parse-input';
import { profileInputSchema } from '../core/rules/profile-input';
import { NOTIFICATION_PROFILE_UID } from '../content-types/uids';
import type { RuleStore } from './rule-store';

interface ProfileRow {
  id: number;
  adminUserId: number;
  categories: string[];
  alternativeEmail: string | null;
  paused: boolean;
}

export function createProfileStore(strapi: Core.Strapi, rules: Pick<RuleStore, 'categories'>) {
  const query = () => strapi.db.query(NOTIFICATION_PROFILE_UID);

  /** `extraCategories`: offered besides the rules' own (SMTP alerts, to admins who may read SMTP events). */
  async function view(userId: number, email: string, extraCategories: string[]) {
    const row = (await query().findOne({ where: { adminUserId: userId } })) as ProfileRow | null;
    return {
      email,
      categories: row?.categories ?? [],
      alternativeEmail: row?.alternativeEmail ?? null,
      paused: row?.paused ?? false,
      availableCategories: [...new Set([...(await rules.categories()), ...extraCategories])].sort(),
    };
  }

  return {
    get: (user: { id: number; email: string }, extraCategories: string[] = []) => view(user.id, user.email, extraCategories),
    async update(user: { id: number; email: string }, body: unknown, extraCategories: string[] = []) {
      const input = parseInput(profileInputSchema, body);
      const data = { categories: [...new Set(input.categories)], alternativeEmail: input.alternativeEmail || null, paused: input.paused ?? false };
      const existing = (await query().findOne({ where: { adminUserId: user.id } })) as ProfileRow | null;
      if (existing) await query().update({ where: { id: existing.id }, data });
      else await query().create({ data: { ...data, adminUserId: user.id } });
      return view(user.id, user.email, extraCategories);
    },
  };
}

export type ProfileStore = ReturnType<typeof createProfileStore>;
