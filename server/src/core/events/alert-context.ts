/*
 * The `alert` variables of the smtp-failure-alert template, from one action run: the event in words,
 * the mailbox and server, the failed message, and the events folded into this run ("and 499 more
 * since 14:05", with the first and last). Pure: dates are formatted in the given environment.
 */
import { formatValue, type RenderEnvironment } from '../templates/template-context';
import type { ActionRun, EventType } from './event-types';

/** The notification-profile category whose subscribers get SMTP event alerts. */
export const SMTP_EVENTS_CATEGORY = 'smtp-events';

export const EVENT_LABELS: Record<EventType, string> = {
  'connection-failed': 'SMTP connection failed',
  'delivery-failed': 'SMTP delivery failed',
  'final-delivery-failed': 'SMTP final delivery failed',
  'pop-login-failed': 'POP login failed',
};

function timeOfDay(iso: string, env: RenderEnvironment): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(env.locale, { timeStyle: 'short', timeZone: env.timezone }).format(date);
}

export function alertContext(run: ActionRun, env: RenderEnvironment): Record<string, unknown> {
  const { event, folded } = run;
  const at = (iso: string) => String(formatValue('datetime', iso, env));
  return {
    event: EVENT_LABELS[event.type],
    type: event.type,
    test: event.test,
    mailbox: event.mailbox.name ?? '(no mailbox)',
    mailboxAddress: event.mailbox.emailAddress ?? '',
    host: event.server.host ?? '',
    port: event.server.port,
    ssl: event.server.ssl,
    requiresAuth: event.server.requiresAuth,
    customerEmail: event.customerEmail ?? '',
    subject: event.message?.subject ?? '',
    messageId: event.message?.messageId ?? '',
    code: event.smtp.code,
    response: event.smtp.response ?? '',
    error: event.explanation ?? event.smtp.response ?? '',
    at: at(event.at),
    count: 1 + (folded?.count ?? 0),
    folded: folded ? { count: folded.count, since: timeOfDay(folded.firstAt, env), first: at(folded.firstAt), last: at(folded.lastAt) } : { count: 0, since: '', first: '', last: '' },
  };
}
