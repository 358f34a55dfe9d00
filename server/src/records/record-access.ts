/*
 * Whether a signed-in admin may read application records, by Strapi's own rule: the Content Manager's
 * read permission on the content type, with its conditions ("is creator", "same role as creator", an
 * app's own). Answers with a reason and never throws; it reads no field a message shows (record-loader does).
 */
import type { Core } from '@strapi/strapi';
import { strapiModelLookup } from './model-lookup';

type Plain = Record<string, unknown>;

/** The CASL ability Strapi's admin authentication puts on `ctx.state.userAbility`. */
export interface AdminAbility {
  can(action: string, subject?: unknown, field?: string): boolean;
}

export type ReadVerdict = { allowed: true } | { allowed: false; reason: string };

/** For lists: filters that keep only the records the admin may read; `partial` when they exclude some. */
export type ListScope = { allowed: true; filters: Plain; partial: boolean } | { allowed: false; reason: string };

/** The part of the Content Manager's permission checker used here (content-manager/server/services/permission-checker). */
interface PermissionChecker {
  cannot: { read(entity?: unknown): boolean };
  requiresEntity: { read(): boolean };
  sanitizedQuery: { read(query: Plain): Promise<{ filters?: Plain }> };
}

export interface RecordAccess {
  /**
   * May the admin read this record? An unknown content type or id is not refused here: reading it
   * then answers 400 naming the field, as for any admin.
   */
  mayRead(uid: string, documentId: string): Promise<ReadVerdict>;
  /** The records of `uid` the admin may read, as filters to add to a query. */
  listScope(uid: string): Promise<ListScope>;
}

export function recordAccess(strapi: Core.Strapi, ability: AdminAbility | null | undefined): RecordAccess {
  const lookup = strapiModelLookup(strapi);
  const checkerFor = (uid: string): PermissionChecker | null => {
    if (!ability) return null;
    const service = strapi.plugin('content-manager').service('permission-checker') as { create(input: { userAbility: AdminAbility; model: string }): PermissionChecker };
    return service.create({ userAbility: ability, model: uid });
  };
  const name = (uid: string) => lookup(uid)?.displayName ?? uid;
  const noRead = (uid: string) =>
    ability
      ? `your role may not read ${name(uid)} records in the Content Manager (Settings → Administration panel → Roles → Collection types → ${name(uid)}: Read)`
      : `only a signed-in admin whose role may read ${name(uid)} records in the Content Manager can see one`;

  /** The role's own filters (its conditions), evaluated by the database like the Content Manager's list: any field or relation a condition names holds. */
  async function conditionFilters(checker: PermissionChecker): Promise<Plain> {
    return (await checker.sanitizedQuery.read({})).filters ?? {};
  }

  return {
    async mayRead(uid, documentId) {
      if (!lookup(uid)) return { allowed: true };
      const checker = checkerFor(uid);
      if (!checker || checker.cannot.read()) return { allowed: false, reason: noRead(uid) };
      if (!checker.requiresEntity.read()) return { allowed: true };
      const documents = strapi.documents(uid as never);
      const readable = await documents.findFirst({ filters: { $and: [{ documentId }, await conditionFilters(checker)] }, fields: ['documentId'] } as never);
      if (readable) return { allowed: true };
      const exists = await documents.findFirst({ filters: { documentId }, fields: ['documentId'] } as never);
      if (!exists) return { allowed: true };
      return { allowed: false, reason: `your role may read only some ${name(uid)} records in the Content Manager (its Read permission has conditions, such as "is creator"), and ${name(uid)} "${documentId}" is not one of them` };
    },
    async listScope(uid) {
      const checker = checkerFor(uid);
      if (!checker || checker.cannot.read()) return { allowed: false, reason: noRead(uid) };
      if (!checker.requiresEntity.read()) return { allowed: true, filters: {}, partial: false };
      return { allowed: true, filters: await conditionFilters(checker), partial: true };
    },
  };
}
