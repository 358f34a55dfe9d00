/*
 * Turns a rule's recipient entries into addresses at send time: fixed addresses, record paths (over
 * the record with its relations), admin users by role, the admins subscribed to the rule's category
 * (their notification profiles), and resolvers registered by developers. Invalid addresses found in
 * data are skipped and reported; de-duplication and flood guards come after.
 */
import type { Core } from '@strapi/strapi';
import { dedupeRecipients, parseAddressList, type Address } from '../core/delivery/addresses';
import { valuesAtPath } from '../core/rules/record-path';
import type { RecipientEntry, Recipients } from '../core/rules/rule-input';
import type { Rule } from '../core/rules/rule-input';
import { NOTIFICATION_PROFILE_UID } from '../content-types/uids';


export interface ResolverContext {
  rule: { id: string; name: string; category: string };
  record: Record<string, unknown> | null;
  previous: Record<string, unknown> | null;
  contentType: string | null;
  event: string | null;
  payload: Record<string, unknown> | null;
  strapi: Core.Strapi;
}

export type RecipientResolver = (ctx: ResolverContext) => unknown | Promise<unknown>;

export interface ResolvedRecipients {
  to: Address[];
  cc: Address[];
  bcc: Address[];
  /** Entries that produced nothing usable, with why (for the dry run and the log). */
  notes: string[];
}

interface AdminUser {
  id: number;
  email: string;
  firstname?: string | null;
  lastname?: string | null;
}

const fullName = (user: AdminUser) => [user.firstname, user.lastname].filter(Boolean).join(' ') || undefined;

/**
 * The admins whose notification profile (not paused) holds `category` (or "*"), at their alternative
 * address when they set one. `onlyUserIds` narrows them (SMTP event alerts go to system admins only).
 */
export async function profileSubscribers(strapi: Core.Strapi, category: string, onlyUserIds?: Set<number>): Promise<Address[]> {
  const profiles = (await strapi.db.query(NOTIFICATION_PROFILE_UID).findMany({ where: { paused: false } })) as {
    adminUserId: number;
    categories: string[] | null;
    alternativeEmail: string | null;
  }[];
  const wanted = profiles.filter((p) => Array.isArray(p.categories) && (p.categories.includes(category) || p.categories.includes('*')) && (!onlyUserIds || onlyUserIds.has(p.adminUserId)));
  if (!wanted.length) return [];
  const users = (await strapi.db.query('admin::user').findMany({
    where: { id: { $in: wanted.map((p) => p.adminUserId) }, isActive: true, blocked: false },
    select: ['id', 'email', 'firstname', 'lastname'],
  })) as AdminUser[];
  return users.map((user) => {
    const profile = wanted.find((p) => p.adminUserId === user.id)!;
    const name = fullName(user);
    return { address: profile.alternativeEmail || user.email, ...(name ? { name } : {}) };
  });
}

export function recipientResolver(strapi: Core.Strapi, resolvers: Map<string, RecipientResolver>) {
  async function adminsWithRole(code: string): Promise<AdminUser[]> {
    return (await strapi.db.query('admin::user').findMany({
      where: { isActive: true, blocked: false, roles: { code } },
      select: ['id', 'email', 'firstname', 'lastname'],
    })) as AdminUser[];
  }

  async function resolveEntry(entry: RecipientEntry, ctx: ResolverContext, notes: string[]): Promise<unknown[]> {
    if ('address' in entry) return [entry.name ? { name: entry.name, address: entry.address } : entry.address];
    if ('path' in entry) {
      const values = ctx.record ? valuesAtPath(ctx.record, entry.path) : [];
      if (!values.length) notes.push(`"${entry.path}" is empty on this record`);
      return values;
    }
    if ('role' in entry) {
      const users = await adminsWithRole(entry.role);
      if (!users.length) notes.push(`no active admin user has the role "${entry.role}"`);
      return users.map((u) => ({ address: u.email, ...(fullName(u) ? { name: fullName(u) } : {}) }));
    }
    if ('subscribers' in entry) {
      const list = await profileSubscribers(strapi, ctx.rule.category);
      if (!list.length) notes.push(`no admin subscribed to the category "${ctx.rule.category}"`);
      return list;
    }
    const resolver = resolvers.get(entry.resolver);
    if (!resolver) {
      notes.push(`no resolver named "${entry.resolver}" is registered`);
      return [];
    }
    try {
      const result = await resolver(ctx);
      return Array.isArray(result) ? result : result ? [result] : [];
    } catch (error) {
      notes.push(`resolver "${entry.resolver}" failed: ${(error as Error).message}`);
      return [];
    }
  }

  async function resolveList(entries: RecipientEntry[], ctx: ResolverContext, notes: string[]): Promise<Address[]> {
    const addresses: Address[] = [];
    for (const entry of entries) {
      for (const value of await resolveEntry(entry, ctx, notes)) {
        if (value === null || value === undefined || value === '') continue;
        const item = typeof value === 'string' || (typeof value === 'object' && value && 'address' in value) ? value : String(value);
        const parsed = parseAddressList(item as never);
        for (const bad of parsed.invalid) notes.push(`"${bad}" is not a valid email address`);
        addresses.push(...parsed.addresses);
      }
    }
    return addresses;
  }

  return {
    /** Resolves to/cc/bcc, normalised and de-duplicated across the lists (to wins over cc over bcc). */
    async resolve(recipients: Recipients, ctx: ResolverContext): Promise<ResolvedRecipients> {
      const notes: string[] = [];
      const lists = {
        to: await resolveList(recipients.to, ctx, notes),
        cc: await resolveList(recipients.cc, ctx, notes),
        bcc: await resolveList(recipients.bcc, ctx, notes),
      };
      return { ...dedupeRecipients(lists), notes };
    },
  };
}

export function resolverContext(strapi: Core.Strapi, rule: { id: string; rule: Rule }, extra: Partial<ResolverContext>): ResolverContext {
  return {
    rule: { id: rule.id, name: rule.rule.name, category: rule.rule.category },
    record: null,
    previous: null,
    contentType: null,
    event: null,
    payload: null,
    strapi,
    ...extra,
  };
}
