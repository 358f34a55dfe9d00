/*
 * Writes a batch of delivery results: the messages' transitions (with the stored copy's secrets
 * masked once a message is done), the mailboxes' health, the SMTP events in the log, then the bounce
 * and after-send hooks, and last hands the batch to the result hooks (SMTP event recording). A failing
 * hook is logged and never undoes a write or stops the others.
 */
import type { Core } from '@strapi/strapi';
import { maskSecrets } from '../core/delivery/mask-secrets';
import { FINISHED_STATUSES, MESSAGE_TRANSITIONS, type MessageStatus } from '../core/outbox/message-lifecycle';
import type { MailboxHealthFields } from '../mailboxes/mailbox-store';
import type { HealthChange } from '../routing/mailbox-directory';
import { runAtChainDepth } from './chain-depth';
import type { DeliveryResult } from './delivery-attempt';
import { rowAfter, type MessagePatch, type MessageRow } from './message-row';
import type { MessageRepository } from './message-repository';

export type BounceHook = (addresses: string[], reason: string) => unknown | Promise<unknown>;
export type AfterSendHook = (message: MessageRow) => unknown | Promise<unknown>;
/** Sees every written batch; called without waiting for it, so it never holds up the next flush. */
export type ResultHook = (results: DeliveryResult[]) => void;

export interface ResultWriterDeps {
  repository: Pick<MessageRepository, 'recordAttempts'>;
  recordHealth(mailboxId: string, fields: MailboxHealthFields): Promise<void>;
  log: Core.Strapi['log'];
  bounceHooks: BounceHook[];
  afterSendHooks: AfterSendHook[];
  resultHooks: ResultHook[];
  /** Counts for this instance's heartbeat. */
  counters: { sent: number; failed: number };
}

const isFinished = (result: DeliveryResult) => (FINISHED_STATUSES as readonly MessageStatus[]).includes(MESSAGE_TRANSITIONS[result.transition].to);

/** Once a message is done, its stored copy loses its secrets (reset links, tokens); the wire copy had them. */
function maskedCopy(row: MessageRow): MessagePatch {
  const copy = { subject: maskSecrets(row.subject), html: maskSecrets(row.html), text: maskSecrets(row.text) };
  const changed = copy.subject !== row.subject || copy.html !== row.html || copy.text !== row.text;
  // Only a message that really had secrets is marked: the others stay retryable from the mail log.
  return changed ? { ...copy, secretsMasked: true } : {};
}

export function createResultWriter(deps: ResultWriterDeps) {
  const { log } = deps;

  async function writeMessages(results: DeliveryResult[]): Promise<MessagePatch[]> {
    const patches = results.map((result) => ({ ...result.patch, ...(isFinished(result) && !result.row.secretsMasked ? maskedCopy(result.row) : {}) }));
    await deps.repository.recordAttempts(results.map((result, index) => ({ row: result.row, transition: result.transition, patch: patches[index]! })));
    return patches;
  }

  /** The latest health change per mailbox in the batch. */
  async function writeHealth(results: DeliveryResult[]) {
    const latest = new Map<string, HealthChange>();
    for (const result of results) if (result.health) latest.set(result.health.mailboxId, result.health);
    for (const change of latest.values()) {
      const now = new Date();
      const { consecutiveFailures, circuitOpenUntil } = change.health;
      await deps.recordHealth(change.mailboxId, { consecutiveFailures, circuitOpenUntil, ...(change.success ? { lastSuccessAt: now } : { lastFailure: change.failure ?? null, lastFailureAt: now }) });
    }
  }

  function reportEvents(results: DeliveryResult[]) {
    for (const result of results) {
      if (result.sent) deps.counters.sent += 1;
      if (result.events.includes('final-delivery-failed')) deps.counters.failed += 1;
      for (const event of result.events) {
        const { mailboxId, attempts, lastErrorCode } = result.patch;
        log.warn(`[email-notifications] smtp ${event} messageId=${result.row.documentId} mailboxId=${mailboxId ?? ''} attempt=${attempts ?? ''} code=${lastErrorCode ?? ''}`);
      }
    }
  }

  async function notifyBounces(results: DeliveryResult[]) {
    for (const { row, bounced } of results) {
      if (!bounced) continue;
      for (const hook of deps.bounceHooks) {
        try {
          await hook(bounced.addresses, bounced.reason);
        } catch (error) {
          log.error(`[email-notifications] recording a bounce failed for messageId=${row.documentId}: ${(error as Error).message}`);
        }
      }
    }
  }

  async function runAfterSendHooks(results: DeliveryResult[], patches: MessagePatch[]) {
    if (!deps.afterSendHooks.length) return;
    for (const [index, result] of results.entries()) {
      if (!result.sent) continue;
      const message = rowAfter(result.row, patches[index]!);
      // Record changes a hook makes are work caused by this notification: rules see its chain depth.
      const depth = Number((message.origin as { chainDepth?: number } | null)?.chainDepth ?? 0);
      for (const hook of deps.afterSendHooks) {
        try {
          await runAtChainDepth(depth, () => hook(message));
        } catch (error) {
          log.error(`[email-notifications] an onAfterSend hook failed for messageId=${result.row.documentId}: ${(error as Error).message}`);
        }
      }
    }
  }

  return {
    async flush(results: DeliveryResult[]) {
      const patches = await writeMessages(results);
      await writeHealth(results);
      reportEvents(results);
      await notifyBounces(results);
      await runAfterSendHooks(results, patches);
      for (const hook of deps.resultHooks) {
        try {
          hook(results);
        } catch (error) {
          log.error(`[email-notifications] a delivery result hook failed: ${(error as Error).message}`);
        }
      }
    },
  };
}
