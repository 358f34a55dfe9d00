/*
 * The notification-profile action: every system admin (see system-admins.ts) whose profile holds the
 * "smtp-events" category and is not paused gets the smtp-failure-alert, one message each, at their
 * alternative address when they set one.
 */
import { SMTP_EVENTS_CATEGORY } from '../../core/events/alert-context';
import type { ActionOutcome, ActionRun } from '../../core/events/event-types';
import type { SendResult } from '../../notifications/notifications';
import { alertKey, createAlertQueue, queuedDetail, queueFailure, type AlertDeps } from './alert-email';
import { smtpEventSubscribers } from './system-admins';

export function createProfilesAction(deps: AlertDeps) {
  const queueAlert = createAlertQueue(deps);

  return async function runProfiles(run: ActionRun): Promise<ActionOutcome> {
    if (run.action.type !== 'profiles') return { ok: false, retryable: false, error: `a ${run.action.type} action was handed to the profiles handler` };
    try {
      const admins = await smtpEventSubscribers(deps.strapi);
      if (!admins.length) return { ok: true, detail: `no system admin's notification profile holds "${SMTP_EVENTS_CATEGORY}": nothing to send` };
      const sent: SendResult[] = [];
      for (const admin of admins) sent.push(await queueAlert(run, { to: [admin], cc: [], bcc: [] }, alertKey(run, admin.address)));
      return { ok: true, detail: queuedDetail(sent, admins.map((a) => a.address)) };
    } catch (error) {
      return queueFailure(error);
    }
  };
}
