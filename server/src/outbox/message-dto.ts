/*
 * How messages leave the server in the mail log: allow-listed fields, bodies and subjects with secrets
 * masked (also while still queued, when the stored copy still has them for sending).
 */
import { maskSecrets } from '../core/delivery/mask-secrets';
import type { MessageRow } from './message-row';

const addresses = (list: MessageRow['to'] | null) => (list ?? []).map((a) => (a.name ? `${a.name} <${a.address}>` : a.address));

export function toMessageSummary(row: MessageRow) {
  return {
    id: row.documentId,
    status: row.status,
    subject: maskSecrets(row.subject) ?? '',
    to: addresses(row.to),
    mailboxId: row.mailboxId,
    mailboxName: row.mailboxName,
    attempts: row.attempts,
    originType: row.originType,
    lastError: row.lastError,
    waitingReason: row.waitingReason,
    hasWarning: !!row.lastError || !!row.rejectedRecipients?.length || !!row.suppressedRecipients?.length,
    nextAttemptAt: row.status === 'queued' ? row.nextAttemptAt : null,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
    failedAt: row.failedAt,
    cancelledAt: row.cancelledAt,
  };
}

export function toMessageDetail(row: MessageRow) {
  return {
    ...toMessageSummary(row),
    from: row.fromAddress ? (row.fromName ? `${row.fromName} <${row.fromAddress}>` : row.fromAddress) : null,
    cc: addresses(row.cc),
    bcc: addresses(row.bcc),
    replyTo: row.replyTo,
    headers: row.headers ?? {},
    html: maskSecrets(row.html),
    text: maskSecrets(row.text),
    bodyPurgedAt: row.bodyPurgedAt,
    messageId: row.messageId,
    serverResponse: row.serverResponse,
    rejectedRecipients: row.rejectedRecipients ?? [],
    suppressedRecipients: row.suppressedRecipients ?? [],
    attemptLog: row.attemptLog ?? [],
    requestedMailbox: row.requestedMailbox,
    taskGroup: row.taskGroup,
    recipientIp: row.recipientIp,
    /** False when Retry would be refused: not failed/cancelled, body deleted, or secrets masked after sending. */
    canRetry: (row.status === 'failed' || row.status === 'cancelled') && !row.bodyPurgedAt && !row.secretsMasked,
    secretsMasked: row.secretsMasked,
    idempotencyKey: row.idempotencyKey,
    origin: row.origin ?? {},
    sizeBytes: row.sizeBytes,
    updatedAt: row.updatedAt,
  };
}
