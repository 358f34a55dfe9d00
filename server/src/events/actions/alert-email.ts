/*
 * Queues the smtp-failure-alert email of one action run through notifications (so the outbox routes
 * it like any message: a mailbox whose circuit is open is never chosen, and with none usable it waits).
 * The idempotency key ties it to the run, so a retried run never sends twice. It never sends itself.
 */
import type { Core } from '@strapi/strapi';
import { alertContext, SMTP_EVENTS_CATEGORY } from '../../core/events/alert-context';
import type { ActionOutcome, ActionRun } from '../../core/events/event-types';
import type { Address } from '../../core/delivery/addresses';
import { InputError } from '../../core/errors';
import type { Notifications, SendResult } from '../../notifications/notifications';
import { renderEnvironment } from '../../templates/render-context';

export const ALERT_TEMPLATE = 'smtp-failure-alert';

export interface AlertDeps {
  strapi: Core.Strapi;
  notifications: Pick<Notifications, 'send'>;
  now?: () => Date;
}

export interface AlertLists {
  to: Address[];
  cc: Address[];
  bcc: Address[];
}

/** `smtp-event:<runId>:<index>`, plus the recipient when a run sends one message per admin. */
export const alertKey = (run: ActionRun, recipient?: string) => [`smtp-event:${run.runId}:${run.actionIndex}`, ...(recipient ? [recipient.toLowerCase()] : [])].join(':').slice(0, 255);

export function createAlertQueue(deps: AlertDeps) {
  const now = deps.now ?? (() => new Date());
  return function queueAlert(run: ActionRun, lists: AlertLists, key: string): Promise<SendResult> {
    const alert = alertContext(run, renderEnvironment(deps.strapi, now()));
    return deps.notifications.send({
      ...lists,
      template: ALERT_TEMPLATE,
      data: { alert, rule: { name: run.rule.name, category: SMTP_EVENTS_CATEGORY, description: '' } },
      idempotencyKey: key,
      origin: { type: 'smtp-event', ruleId: run.rule.id, ruleName: run.rule.name, runId: run.runId, eventType: run.event.type, mailboxId: run.event.mailbox.id, test: run.event.test },
    });
  };
}

/** What went wrong queueing: bad input (e.g. a broken edited template) is not worth retrying, the rest is. */
export function queueFailure(error: unknown): ActionOutcome {
  if (error instanceof InputError) return { ok: false, retryable: false, error: `the alert could not be queued: ${error.problems.map((p) => `${p.path} ${p.message}`).join('; ')}` };
  return { ok: false, retryable: true, error: `the alert could not be queued: ${(error as Error).message}` };
}

export const queuedDetail = (sent: SendResult[], addresses: string[]) => {
  const fresh = sent.filter((s) => s.created).length;
  const already = sent.length - fresh;
  return `alert queued to ${addresses.join(', ')} (${sent.map((s) => s.messageId).join(', ')})${already ? `; ${already} already queued by an earlier attempt` : ''}`;
};
