/*
 * One delivery attempt of one claimed message, as named steps: route it, apply the mailbox's
 * recipient policy, send, and turn the answer into the message's next transition. Decisions come
 * from core/ (routing, retry policy, attempt outcome); it writes nothing: the result is flushed later.
 */
import { formatAddress, type Address } from '../core/delivery/addresses';
import { outcomeOfCrash, outcomeOfFailure, outcomeOfSuccess, type AttemptContext, type AttemptOutcome, type AttemptRecord, type SmtpDeliveryEvent } from '../core/delivery/attempt-outcome';
import { bounceOfPartialSuccess, bounceOfRefusal } from '../core/delivery/bounces';
import { classifyFailure } from '../core/delivery/classify-error';
import { applyExcludeExpression, applyRegisteredOnly } from '../core/delivery/recipient-policy';
import { applySubjectPrefix, prefixNeedsRecord, renderSubjectPrefix } from '../core/delivery/subject-prefix';
import { transitionPatch, type TransitionName } from '../core/outbox/message-lifecycle';
import { isConnectionFailure } from '../core/routing/circuit-breaker';
import { redactSecrets } from '../core/smtp/redact';
import { connectionSecrets, type MailboxConnection } from '../core/smtp/transport-options';
import type { PluginConfig } from '../config/schema';
import type { StoredMailbox } from '../mailboxes/mailbox-dto';
import type { RecordRef } from '../records/record-context';
import type { DirectoryMailbox, HealthChange, MailboxDirectory } from '../routing/mailbox-directory';
import type { TransportPool } from '../transport/transport-pool';
import type { MessagePatch, MessageRow } from './message-row';

export interface DeliveryResult {
  row: MessageRow;
  transition: TransitionName;
  patch: MessagePatch;
  sent: boolean;
  events: SmtpDeliveryEvent[];
  health?: HealthChange;
  /** Addresses the receiving server refused for good (they feed the suppression list). */
  bounced?: { addresses: string[]; reason: string };
  /** A failed send's facts, for the SMTP events recorded after the result is written. */
  failure?: AttemptFailure;
}

export interface AttemptFailure {
  /** The mailbox's own connection, TLS or login failed (not the message's refusal). */
  mailboxFailure: boolean;
  error: ReturnType<typeof cleanError>;
  mailbox: Pick<StoredMailbox, 'id' | 'name' | 'fromAddress' | 'host' | 'port' | 'security' | 'authType'>;
}

export interface DeliveryAttemptDeps {
  directory: MailboxDirectory;
  pool: TransportPool;
  config(): PluginConfig;
  /** The record's own fields for a subject prefix that names them (private ones never included). */
  recordFields(ref: RecordRef): Promise<Record<string, unknown> | null>;
  /** Which of these addresses belong to registered users (for "registered users only" mailboxes). */
  findRegistered(addresses: string[]): Promise<Set<string>>;
  random?: () => number;
}

type Lists = ReturnType<typeof applyExcludeExpression>;

/** The error of a failed send without secrets: the one shape classification and the record use. */
function cleanError(caught: unknown, connection: MailboxConnection) {
  const error = caught as { code?: string; responseCode?: number; command?: string; message?: string; response?: string; rejected?: string[] };
  const secrets = connectionSecrets(connection);
  return {
    code: error.code ?? null,
    responseCode: typeof error.responseCode === 'number' ? error.responseCode : null,
    command: error.command ?? null,
    message: redactSecrets(String(error.message ?? caught), secrets),
    response: error.response ? redactSecrets(error.response, secrets) : null,
    rejected: error.rejected ?? [],
  };
}

const history = (row: MessageRow, ...records: AttemptRecord[]) => [...(row.attemptLog ?? []), ...records];

export function createDeliveryAttempt(deps: DeliveryAttemptDeps) {
  const random = deps.random ?? Math.random;
  const { directory } = deps;

  /** No usable mailbox: back to the queue until the router's retry time, with the reason shown. */
  function waitForMailbox(row: MessageRow, reason: string, retryAt: Date, now: Date): DeliveryResult {
    const waitingReason = [reason, ...directory.unreadable()].join(' ').slice(0, 500);
    const note: AttemptRecord[] = row.waitingReason === waitingReason ? [] : [{ at: now.toISOString(), mailboxId: null, mailboxName: null, outcome: 'waiting', note: waitingReason }];
    const patch: MessagePatch = { ...transitionPatch('scheduleRetry', now), nextAttemptAt: retryAt, waitingReason, attemptLog: history(row, ...note) };
    return { row, transition: 'scheduleRetry', patch, sent: false, events: [] };
  }

  /** The mailbox's exclude expression and "registered users only" policy; every removal is noted. */
  async function applyRecipientPolicies(row: MessageRow, mailbox: StoredMailbox, now: Date): Promise<{ lists: Lists; notes: AttemptRecord[] }> {
    let lists = applyExcludeExpression({ to: row.to ?? [], cc: row.cc ?? [], bcc: row.bcc ?? [] }, mailbox.excludeExpression, mailbox.name);
    if (mailbox.allowedRecipients === 'registered') {
      const all = [...lists.to, ...lists.cc, ...lists.bcc].map((a) => a.address);
      const checked = applyRegisteredOnly(lists, await deps.findRegistered(all), mailbox.name);
      lists = { ...checked, blocked: [...lists.blocked, ...checked.blocked] };
    }
    const notes = lists.blocked.map((b): AttemptRecord => ({ at: now.toISOString(), mailboxId: mailbox.documentId, mailboxName: mailbox.name, outcome: 'waiting', note: `Recipient ${b.address} removed: ${b.reason}.` }));
    return { lists, notes };
  }

  function cancelBlocked(row: MessageRow, notes: AttemptRecord[], now: Date): DeliveryResult {
    const patch: MessagePatch = { ...transitionPatch('cancelBlocked', now), waitingReason: 'Every recipient was blocked by the mailbox recipient policy.', attemptLog: history(row, ...notes) };
    return { row, transition: 'cancelBlocked', patch, sent: false, events: [] };
  }

  /** The subject with the mailbox's prefix; a prefix naming record fields is filled from the record. */
  async function subjectFor(row: MessageRow, mailbox: StoredMailbox): Promise<string> {
    const ref = (row.origin as { record?: RecordRef } | null)?.record;
    const record = prefixNeedsRecord(mailbox.subjectPrefix) && ref ? await deps.recordFields(ref) : null;
    return applySubjectPrefix(row.subject ?? '', renderSubjectPrefix(mailbox.subjectPrefix, record));
  }

  async function send(row: MessageRow, mailbox: DirectoryMailbox, lists: Lists, messageId: string) {
    return deps.pool.send(mailbox.row.documentId, mailbox.connection, mailbox.row.poolSize, {
      from: { name: mailbox.row.displayName ?? '', address: mailbox.row.fromAddress },
      to: lists.to.map(formatAddress),
      cc: lists.cc.map(formatAddress),
      bcc: lists.bcc.map(formatAddress),
      ...(row.replyTo ? { replyTo: row.replyTo } : {}),
      subject: await subjectFor(row, mailbox.row),
      ...(row.html ? { html: row.html } : {}),
      ...(row.text ? { text: row.text } : {}),
      ...(row.attachments?.length ? { attachments: row.attachments.map(toMailAttachment) } : {}),
      headers: row.headers ?? {},
      messageId,
      textEncoding: deps.config().delivery.textEncoding,
    });
  }

  /** The attempt's outcome as a result: the sender, Message-ID and history go with every attempt. */
  function resultOf(row: MessageRow, mailbox: DirectoryMailbox, outcome: AttemptOutcome, extra: { messageId: string; notes: AttemptRecord[]; route: string }): DeliveryResult {
    const patch: MessagePatch = {
      ...outcome.patch,
      messageId: extra.messageId,
      fromAddress: mailbox.row.fromAddress,
      fromName: mailbox.row.displayName ?? null,
      attemptLog: history(row, ...extra.notes, { ...outcome.record, route: extra.route }),
    };
    return { row, transition: outcome.transition, patch, sent: outcome.transition === 'markSent', events: outcome.events };
  }

  /** A failed send: one classification, the circuit first (so the retry time knows if another mailbox is usable). */
  function failed(row: MessageRow, mailbox: DirectoryMailbox, ctx: AttemptContext, caught: unknown, lists: Lists): { outcome: AttemptOutcome; health: HealthChange | null; bounced?: DeliveryResult['bounced']; failure: AttemptFailure } {
    const error = cleanError(caught, mailbox.connection);
    const kind = classifyFailure(error);
    const connectionFailure = isConnectionFailure(error);
    const { id, name, fromAddress, host, port, security, authType } = mailbox.row;
    const failure: AttemptFailure = { mailboxFailure: kind === 'mailbox' || connectionFailure, error, mailbox: { id, name, fromAddress, host, port, security, authType } };
    const circuit = directory.recordFailure(mailbox, kind, connectionFailure, error.message, ctx.now);
    if (circuit.opened) deps.pool.release(mailbox.row.documentId);
    const next = directory.lookAhead(row, ctx.now);
    const outcome = outcomeOfFailure(ctx, error, kind, deps.config().delivery, random, next.mailbox ? ctx.now : next.retryAt);
    const recipients: Address[] = [...lists.to, ...lists.cc, ...lists.bcc];
    const bounced = bounceOfRefusal(kind, error, recipients.map((a) => a.address));
    return { outcome, health: circuit.change, failure, ...(bounced ? { bounced } : {}) };
  }

  async function deliver(row: MessageRow): Promise<DeliveryResult> {
    await directory.refresh();
    const now = new Date();
    const selection = directory.select(row, now);
    if (!selection.mailbox) return waitForMailbox(row, selection.waitingReason, selection.retryAt, now);
    const mailbox = directory.mailbox(selection.mailbox.id);
    const { lists, notes } = await applyRecipientPolicies(row, mailbox.row, now);
    if (lists.to.length + lists.cc.length + lists.bcc.length === 0) return cancelBlocked(row, notes, now);

    const messageId = row.messageId ?? `<${row.documentId}.${now.getTime().toString(36)}@${domainOf(mailbox.row.fromAddress)}>`;
    const started = Date.now();
    const ctx = (): AttemptContext => ({ retryableFailures: row.retryableFailures, attempts: row.attempts, mailbox: { id: mailbox.row.documentId, name: mailbox.row.name }, now, durationMs: Date.now() - started });
    const extra = { messageId, notes, route: selection.reason };
    directory.reserve(mailbox.row.documentId, now);
    try {
      const info = await send(row, mailbox, lists, messageId);
      directory.settle(mailbox.row.documentId, now, true);
      const health = directory.recordSuccess(mailbox);
      const bounced = bounceOfPartialSuccess(info.rejected, info.response);
      return { ...resultOf(row, mailbox, outcomeOfSuccess(ctx(), info), extra), ...(health ? { health } : {}), ...(bounced ? { bounced } : {}) };
    } catch (caught) {
      directory.settle(mailbox.row.documentId, now, false);
      const { outcome, health, bounced, failure } = failed(row, mailbox, ctx(), caught, lists);
      return { ...resultOf(row, mailbox, outcome, extra), failure, ...(health ? { health } : {}), ...(bounced ? { bounced } : {}) };
    }
  }

  /** deliver() threw before a result: the message leaves `sending` at once with the error recorded. */
  function crashed(row: MessageRow, error: unknown): DeliveryResult {
    const now = new Date();
    const message = error instanceof Error ? error.message : String(error);
    const outcome = outcomeOfCrash({ retryableFailures: row.retryableFailures, attempts: row.attempts, mailbox: null, now, durationMs: 0 }, message, deps.config().delivery, random);
    return { row, transition: outcome.transition, patch: { ...outcome.patch, attemptLog: history(row, outcome.record) }, sent: false, events: [] };
  }

  return { deliver, crashed };
}

function toMailAttachment({ filename, contentType, path, href }: NonNullable<MessageRow['attachments']>[number]) {
  return { filename, ...(contentType ? { contentType } : {}), ...(path ? { path } : { href }) };
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1) || 'localhost';
}
