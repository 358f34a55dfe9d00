/*
 * The SMTP event contract: the event types, the event every action receives, the action kinds a rule
 * may run and what running one answers. Pure types and lists; the event-rule input schema, matching and
 * max-frequency decisions live beside this file, the runners that act on them in `events/`.
 */
import type { Recipients } from '../rules/rule-recipients';

export const EVENT_TYPES = ['connection-failed', 'delivery-failed', 'final-delivery-failed', 'pop-login-failed'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const ACTION_TYPES = ['webhook', 'log', 'provider', 'email', 'profiles'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** What an event says about the failure: every field the seed's conditions and the alert template use. */
export interface SmtpEvent {
  /** Unique per event; a web page call's `webhook-id` is derived from the action run, not from this. */
  id: string;
  type: EventType;
  /** ISO 8601 time of the failed attempt (or of the test). */
  at: string;
  /** A test event fired from the admin: actions run, and say so. */
  test: boolean;
  mailbox: { id: number | null; name: string | null; emailAddress: string | null };
  server: { protocol: 'smtp' | 'pop3' | 'imap'; host: string | null; port: number | null; ssl: boolean | null; requiresAuth: boolean | null };
  /** The recipient of the failed message, when there is one. */
  customerEmail: string | null;
  message: { id: number; messageId: string | null; subject: string | null } | null;
  smtp: { code: number | null; response: string | null };
  /** The plain-words explanation the mailbox Check gives for the same failure. */
  explanation: string | null;
}

export type EventAction =
  | { type: 'webhook'; url: string }
  | { type: 'log'; file: string }
  | { type: 'provider'; name: string }
  | { type: 'email'; recipients: Recipients }
  | { type: 'profiles' };

/** Events a max-frequency window folded into this run, besides the one that triggered it. */
export interface FoldedEvents {
  count: number;
  firstAt: string;
  lastAt: string;
}

/** One run of one action of one rule, as handed to the action's handler. */
export interface ActionRun {
  /** Stable across retries of the same run (a web page call's `webhook-id`). */
  runId: string;
  attempt: number;
  rule: { id: number | null; name: string };
  actionIndex: number;
  action: EventAction;
  event: SmtpEvent;
  folded: FoldedEvents | null;
}

export type ActionOutcome =
  | { ok: true; httpStatus?: number; detail?: string }
  | { ok: false; retryable: boolean; error: string; httpStatus?: number };
