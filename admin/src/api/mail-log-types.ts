/*
 * Shapes of the mail log, outbox health and editable settings routes (/email-notifications/messages,
 * /outbox/health, /settings). They mirror the server's DTOs; the server is the authority.
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

export interface DeliverySettings {
  deliveryDelaySeconds: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  textEncoding: 'quoted-printable' | 'base64';
  captureStrapiEmail: boolean;
  stuckAfterMinutes: number;
}

export interface RetentionSettings {
  deleteFailedAfterDays: number;
  deleteBodiesAfterDays: number;
  maxBodies: number;
  maxBodiesMb: number;
  intervalMinutes: number;
}

export interface TemplateSettings {
  maxRenderedBytes: number;
  maxAttachmentBytes: number;
}

export interface PrivacySettings {
  /** Content type UID -> attribute names that never reach an email. */
  sensitiveFields: Record<string, string[]>;
}

export interface FloodSettings {
  /** At most `max` rule notifications per address per `windowMinutes`. */
  caps: { windowMinutes: number; max: number }[];
  /** Addresses, @domains and * patterns never mailed by rules. */
  blacklist: string[];
  suppressBouncesDays: number;
  duplicateWindowMinutes: number;
}

export interface SettingsValues {
  delivery: DeliverySettings;
  retention: RetentionSettings;
  templates: TemplateSettings;
  privacy: PrivacySettings;
  flood: FloodSettings;
}

export type SettingsGroup = keyof SettingsValues;

export interface SettingsView {
  values: SettingsValues;
  fileValues: SettingsValues;
  overridden: { [G in SettingsGroup]?: Partial<SettingsValues[G]> };
}

/**
 * Body of PUT /settings: a value overrides the file option, `null` goes back to it. Values are what
 * the admin typed (an emptied number field included): the server validates them.
 */
export type SettingsUpdate = Partial<Record<SettingsGroup, Record<string, unknown>>>;
