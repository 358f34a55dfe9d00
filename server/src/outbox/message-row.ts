/*
 * The shape of an outbox message row as read (dates as ISO strings), of a new message, and of the
 * patch a write applies (dates as Date). Rows are written by message-repository only.
 */
import type { AttemptRecord } from '../core/delivery/attempt-outcome';
import type { MessageStatus } from '../core/outbox/message-lifecycle';

export type { AttemptRecord, MessageStatus };

export interface MessageRow {
  id: number;
  documentId: string;
  status: MessageStatus;
  fromAddress: string | null;
  fromName: string | null;
  replyTo: string | null;
  to: { name?: string; address: string }[];
  cc: { name?: string; address: string }[] | null;
  bcc: { name?: string; address: string }[] | null;
  /** Lower-cased addresses of to, cc and bcc, for searching the mail log. */
  recipientsText: string;
  subject: string | null;
  html: string | null;
  text: string | null;
  headers: Record<string, string> | null;
  encoding: string | null;
  requestedMailbox: string | null;
  taskGroup: string | null;
  recipientIp: string | null;
  mailboxId: string | null;
  mailboxName: string | null;
  attempts: number;
  retryableFailures: number;
  attemptLog: AttemptRecord[] | null;
  nextAttemptAt: string | null;
  leaseOwner: string | null;
  leaseExpiresAt: string | null;
  waitingReason: string | null;
  lastError: string | null;
  lastErrorCode: string | null;
  messageId: string | null;
  serverResponse: string | null;
  rejectedRecipients: string[] | null;
  /** Recipients the flood and loop guards removed before queueing, each with its reason. */
  suppressedRecipients: { address: string; reason: string }[] | null;
  attachments: { filename: string; contentType?: string; path?: string; href?: string; size?: number }[] | null;
  idempotencyKey: string | null;
  originType: string;
  origin: Record<string, unknown> | null;
  sizeBytes: number;
  secretsMasked: boolean;
  bodyPurgedAt: string | null;
  sentAt: string | null;
  failedAt: string | null;
  cancelledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Attributes stored as timestamps: read back as strings, written as Date. */
export const MESSAGE_DATE_FIELDS = ['nextAttemptAt', 'leaseExpiresAt', 'sentAt', 'failedAt', 'cancelledAt', 'bodyPurgedAt'] as const;
type DateField = (typeof MESSAGE_DATE_FIELDS)[number];

/** Attributes stored as JSON. */
export const MESSAGE_JSON_FIELDS = ['to', 'cc', 'bcc', 'headers', 'attemptLog', 'rejectedRecipients', 'suppressedRecipients', 'attachments', 'origin'] as const;

/** What a write changes on a row: any stored field, with timestamps as Date. */
export type MessagePatch = { [K in Exclude<keyof MessageRow, 'id' | 'documentId' | 'createdAt' | 'updatedAt'>]?: K extends DateField ? Date | null : MessageRow[K] };

/** A message to insert: its content and routing; the repository sets status, counters and the rest. */
export type NewMessage = Pick<
  MessageRow,
  | 'fromAddress' | 'fromName' | 'replyTo' | 'to' | 'cc' | 'bcc' | 'recipientsText' | 'subject' | 'html' | 'text' | 'headers' | 'encoding'
  | 'requestedMailbox' | 'taskGroup' | 'recipientIp' | 'messageId' | 'suppressedRecipients' | 'attachments' | 'idempotencyKey'
  | 'originType' | 'origin' | 'sizeBytes'
> & { nextAttemptAt: Date };

/** The row as it reads once `patch` is written (timestamps as ISO strings, like a row read back). */
export function rowAfter(row: MessageRow, patch: MessagePatch): MessageRow {
  const read = Object.fromEntries(Object.entries(patch).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]));
  return { ...row, ...read } as MessageRow;
}
