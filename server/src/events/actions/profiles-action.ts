/*
 * The notification-profile action: every system admin (the Super Admin role, or a role holding the
 * events.read permission) whose profile holds the "smtp-events" category and is not paused gets the
 * smtp-failure-alert, one message each, at their alternative address when they set one.
 */
import type { Core } from '@strapi/strapi';
import { SMTP_EVENTS_CATEGORY } from '../../core/events/alert-context';
import type { ActionOutcome, ActionRun } from '../../core/events/event-types';
import type { SendResult } from '../../notifications/notifications';
import { profileSubscribers } from '../../rules/recipient-resolver';
import { alertKey, createAlertQueue, queuedDetail, queueFailure, type AlertDeps } from './alert-email';

const SUPER_ADMIN_ROLE = 'strapi-super-admin';
/** The permission that opens the SMTP events page: who may see the events may get their alerts. */
export const EVENTS_READ_PERMISSION = 'plugin::email-notifications.events.read';

/** Ids of the active admins who are system admins: Super Admin, or a role with events.read. */
async function systemAdminIds(strapi: Core.Strapi): Promise<Set<number>> {
  const permissions = (await strapi.db.query('admin::permission').findMany({ where: { action: EVENTS_READ_PERMISSION }, populate: ['role'] })) as { role?: { id: number } | null }[];
  const roleIds = permissions.map((p) => p.role?.id).filter((id): id is number => typeof id === 'number');
  const users = (await strapi.db.query('admin::user').findMany({
    where: { isActive: true, blocked: false, $or: [{ roles: { code: SUPER_ADMIN_ROLE } }, ...(roleIds.length ? [{ roles: { id: { $in: roleIds } } }] : [])] },
    select: ['id'],
  })) as { id: number }[];
  return new Set(users.map((u) => u.id));
}

export function createProfilesAction(deps: AlertDeps) {
  const queueAlert = createAlertQueue(deps);

  return async function runProfiles(run: ActionRun): Promise<ActionOutcome> {
    if (run.action.type !== 'profiles') return { ok: false, retryable: false, error: `a ${run.action.type} action was handed to the profiles handler` };
    try {
      const admins = await profileSubscribers(deps.strapi, SMTP_EVENTS_CATEGORY, await systemAdminIds(deps.strapi));
      if (!admins.length) return { ok: true, detail: `no system admin's notification profile holds "${SMTP_EVENTS_CATEGORY}": nothing to send` };
      const sent: SendResult[] = [];
      for (const admin of admins) sent.push(await queueAlert(run, { to: [admin], cc: [], bcc: [] }, alertKey(run, admin.address)));
      return { ok: true, detail: queuedDetail(sent, admins.map((a) => a.address)) };
    } catch (error) {
      return queueFailure(error);
    }
  };
}
