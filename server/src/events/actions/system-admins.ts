/*
 * Who counts as a system administrator for SMTP events (the seed's category is for them only): the
 * active admins of the Super Admin role or of a role holding the events.read permission, and of them
 * the ones whose notification profile holds "smtp-events". Reads only; never writes profiles or roles.
 */
import type { Core } from '@strapi/strapi';
import type { Address } from '../../core/delivery/addresses';
import { SMTP_EVENTS_CATEGORY } from '../../core/events/alert-context';
import { ACTIONS } from '../../permissions';
import { profileSubscribers } from '../../rules/recipient-resolver';

const SUPER_ADMIN_ROLE = 'strapi-super-admin';
/** The permission that opens the SMTP events page: who may see the events may get their alerts. */
const EVENTS_READ_PERMISSION = ACTIONS.eventsRead;

async function systemAdminIds(strapi: Core.Strapi): Promise<Set<number>> {
  const permissions = (await strapi.db.query('admin::permission').findMany({ where: { action: EVENTS_READ_PERMISSION }, populate: ['role'] })) as { role?: { id: number } | null }[];
  const roleIds = permissions.map((p) => p.role?.id).filter((id): id is number => typeof id === 'number');
  const users = (await strapi.db.query('admin::user').findMany({
    where: { isActive: true, blocked: false, $or: [{ roles: { code: SUPER_ADMIN_ROLE } }, ...(roleIds.length ? [{ roles: { id: { $in: roleIds } } }] : [])] },
    select: ['id'],
  })) as { id: number }[];
  return new Set(users.map((u) => u.id));
}

/** The system admins subscribed to SMTP events (profile not paused), at their alternative address when set. */
export async function smtpEventSubscribers(strapi: Core.Strapi): Promise<Address[]> {
  return profileSubscribers(strapi, SMTP_EVENTS_CATEGORY, await systemAdminIds(strapi));
}
