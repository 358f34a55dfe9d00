/*
 * Builds the SMTP events of one delivery attempt from its facts (which events, and each one's fields),
 * and the sample event an admin fires as a test. Pure: the caller passes the id, the time and the
 * explanation text; nothing here reads the database or the clock.
 */
import type { EventType, SmtpEvent } from './event-types';

export interface AttemptFacts {
  /** The attempt's message transition: a retry scheduled, or the message given up. */
  transition: 'scheduleRetry' | 'markFailed';
  /** The failure was the mailbox's own connection, TLS or login (not the message's refusal). */
  mailboxFailure: boolean;
  mailbox: { id: number | null; name: string | null; emailAddress: string | null; host: string | null; port: number | null; security: 'none' | 'ssl' | 'starttls' | null; authType: string | null };
  customerEmail: string | null;
  message: { id: number; messageId: string | null; subject: string | null };
  smtp: { code: number | null; response: string | null };
  explanation: string | null;
}

/**
 * connection-failed when the mailbox itself failed; delivery-failed when the message will be tried
 * again; final-delivery-failed when it was given up. A login failure that requeues the message is both
 * a connection failure and a failed delivery.
 */
export function eventTypesOf(facts: Pick<AttemptFacts, 'transition' | 'mailboxFailure'>): EventType[] {
  const types: EventType[] = [];
  if (facts.mailboxFailure) types.push('connection-failed');
  types.push(facts.transition === 'markFailed' ? 'final-delivery-failed' : 'delivery-failed');
  return types;
}

export function eventOf(type: EventType, facts: AttemptFacts, id: string, at: Date): SmtpEvent {
  const { mailbox } = facts;
  return {
    id,
    type,
    at: at.toISOString(),
    test: false,
    mailbox: { id: mailbox.id, name: mailbox.name, emailAddress: mailbox.emailAddress },
    // SSL means an encrypted connection: implicit TLS or STARTTLS.
    server: { protocol: 'smtp', host: mailbox.host, port: mailbox.port, ssl: mailbox.security === null ? null : mailbox.security !== 'none', requiresAuth: mailbox.authType === null ? null : mailbox.authType !== 'none' },
    customerEmail: facts.customerEmail,
    message: facts.message,
    smtp: facts.smtp,
    explanation: facts.explanation,
  };
}

/** The event "Fire a test event" runs a rule's actions with: plausible values, marked as a test. */
export function sampleEvent(type: EventType, id: string, at: Date): SmtpEvent {
  const pop = type === 'pop-login-failed';
  return {
    id,
    type,
    at: at.toISOString(),
    test: true,
    mailbox: { id: null, name: 'Test mailbox', emailAddress: 'helpdesk@example.com' },
    server: { protocol: pop ? 'pop3' : 'smtp', host: pop ? 'pop.example.com' : 'smtp.example.com', port: pop ? 995 : 587, ssl: true, requiresAuth: true },
    customerEmail: pop ? null : 'customer@example.com',
    message: pop ? null : { id: 0, messageId: '<test@example.com>', subject: 'Test message' },
    smtp: pop ? { code: null, response: '-ERR authentication failed' } : { code: 550, response: '550 5.1.1 Test: the mailbox does not exist' },
    explanation: 'This is a test event fired from the admin; no mail failed.',
  };
}
