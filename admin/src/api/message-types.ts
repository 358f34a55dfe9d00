/*
 * Shapes of the messages routes (/email-notifications/messages..., the mail log's rows) and of the outbox
 * health (/outbox/health). They mirror the server's DTOs; the server is the authority.
 */

export type MessageStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'cancelled';
export type OriginType = 'api' | 'rule' | 'event' | 'strapi-email' | 'test' | 'smtp-event';
export type AttemptOutcome = 'sent' | 'retry' | 'failed' | 'mailbox-failed' | 'lease-expired' | 'waiting';

export interface MessageSummary {
  id: string;
  status: MessageStatus;
  subject: string;
  to: string[];
  mailboxId: string | null;
  mailboxName: string | null;
  attempts: number;
  originType: OriginType;
  lastError: string | null;
  waitingReason: string | null;
  hasWarning: boolean;
  nextAttemptAt: string | null;
  createdAt: string;
  sentAt: string | null;
  failedAt: string | null;
  cancelledAt: string | null;
}

export interface AttemptLogEntry {
  at: string;
  mailboxId: string | null;
  mailboxName: string | null;
  outcome: AttemptOutcome;
  code?: string | null;
  responseCode?: number | null;
  response?: string | null;
  error?: string | null;
  durationMs?: number | null;
  note?: string | null;
  route?: string | null;
}

export interface MessageDetail extends MessageSummary {
  from: string | null;
  cc: string[];
  bcc: string[];
  replyTo: string | null;
  headers: Record<string, string>;
  html: string | null;
  text: string | null;
  bodyPurgedAt: string | null;
  messageId: string | null;
  serverResponse: string | null;
  rejectedRecipients: string[];
  attemptLog: AttemptLogEntry[];
  requestedMailbox: string | null;
  taskGroup: string | null;
  idempotencyKey: string | null;
  origin: Record<string, unknown>;
  sizeBytes: number | null;
  updatedAt: string;
}

export interface MessagePage {
  results: MessageSummary[];
  pagination: { page: number; pageSize: number; total: number; pageCount: number };
}

/** Query parameters of GET /messages, as the server names them (dates as ISO strings). */
export interface MessageListParams {
  status: string;
  recipient?: string;
  mailbox?: string;
  since?: string;
  until?: string;
  page: number;
  pageSize: number;
}

export type ProblemCode = 'NO_WORKER' | 'NO_MAILBOX' | 'ALL_MAILBOXES_FAILING' | 'QUEUE_STUCK';

export interface WorkerInfo {
  instanceId: string;
  hostname: string;
  pid: number;
  startedAt: string;
  lastBeatAt: string;
  sentCount: number;
  failedCount: number;
  alive: boolean;
}

export interface OutboxHealth {
  counts: Record<MessageStatus, number>;
  oldestQueuedAt: string | null;
  oldestQueuedAgeSeconds: number | null;
  workers: WorkerInfo[];
  failingMailboxes: string[];
  problems: { code: ProblemCode; message: string }[];
}
