/*
 * Wires the outbox together for one Strapi instance: the mailbox cache, routing, the pooled SMTP
 * transports, the delivery worker loop, result batches, mailbox health, heartbeats and lease recovery.
 * Decisions come from core/ (routing, circuit breaker, retry policy); this module only applies them.
 */
import type { Core } from '@strapi/strapi';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { formatAddress } from '../core/delivery/addresses';
import { classifyFailure } from '../core/delivery/classify-error';
import { outcomeOfFailure, outcomeOfSuccess, type AttemptRecord } from '../core/delivery/attempt-outcome';
import { maskSecrets } from '../core/delivery/mask-secrets';
import { applyExcludeExpression, applyRegisteredOnly } from '../core/delivery/recipient-policy';
import { findRegistered } from '../mailboxes/registered-recipients';
import { recordFields } from '../records/record-context';
import { applySubjectPrefix, prefixNeedsRecord, renderSubjectPrefix } from '../core/delivery/subject-prefix';
import { healthAfterFailure, healthAfterSuccess, isConnectionFailure, type MailboxHealth } from '../core/routing/circuit-breaker';
import { checkLimits, currentUsage, emptyUsage, recordSend, releaseSend, type MailboxUsage } from '../core/routing/limits';
import { selectMailbox, type MailboxCandidate, type RouteRequest } from '../core/routing/select-mailbox';
import { createStrategyState, type Strategy } from '../core/routing/strategies';
import type { StoredTaskGroup } from '../services/task-groups';
import type { MailboxConnection } from '../core/smtp/transport-options';
import { redactSecrets } from '../core/smtp/redact';
import { connectionSecrets } from '../core/smtp/transport-options';
import type { StoredMailbox } from '../mailboxes/mailbox-dto';
import type { PluginConfig } from '../config/schema';
import { openGeoLookup, type GeoLookup } from '../routing/geo-lookup';
import { createTransportPool } from '../transport/transport-pool';
import { createDeliveryWorker, type DeliveryWorker } from './delivery-worker';
import { runAtChainDepth } from './chain-depth';
import { createOutboxRepository, type MessageRow } from './outbox-repository';
import { runRetention } from './retention';
import { recordHeartbeat, recordWorkerStopped } from './worker-heartbeat';

const MAILBOX_REFRESH_MS = 2000;

interface CachedMailbox {
  row: StoredMailbox;
  connection: MailboxConnection | null;
  connectionError: string | null;
  health: MailboxHealth;
}

export interface DeliveryResult {
  row: MessageRow;
  patch: Partial<MessageRow> & Record<string, unknown>;
  sent: boolean;
  events: ('delivery-failed' | 'final-delivery-failed')[];
  health?: { mailboxId: string; health: MailboxHealth; failure?: string; success?: boolean };
  /** Addresses the receiving server refused for good (they feed the suppression list). */
  bounced?: { addresses: string[]; reason: string };
}

export type BounceHook = (addresses: string[], reason: string) => unknown | Promise<unknown>;

export type AfterSendHook = (message: MessageRow) => unknown | Promise<unknown>;

function toMailAttachment({ filename, contentType, path, href }: NonNullable<MessageRow['attachments']>[number]) {
  return { filename, ...(contentType ? { contentType } : {}), ...(path ? { path } : { href }) };
}

export function createDeliveryEngine(strapi: Core.Strapi, config: () => PluginConfig) {
  const repo = createOutboxRepository(strapi);
  const pool = createTransportPool(() => config().smtpTimeouts);
  const instanceId = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const afterSend: AfterSendHook[] = [];
  const bounceHooks: BounceHook[] = [];
  const log = strapi.log;
  let cache: CachedMailbox[] = [];
  let taskGroups: StoredTaskGroup[] = [];
  const strategyState = createStrategyState();
  const usage = new Map<string, MailboxUsage>();
  const inFlight = new Map<string, number>();
  let cacheLoadedAt = 0;
  let counters = { sent: 0, failed: 0 };
  let worker: DeliveryWorker | null = null;
  let geoLookup: GeoLookup | null = null;

  const mailboxService = () => strapi.plugin('email-notifications').service('mailboxes');

  let refreshing: Promise<void> | null = null;

  /** Reloads the mailboxes every few seconds; concurrent deliveries share one reload. */
  function refreshMailboxes(): Promise<void> {
    if (refreshing) return refreshing;
    if (cacheLoadedAt && Date.now() - cacheLoadedAt < MAILBOX_REFRESH_MS) return Promise.resolve();
    refreshing = (async () => {
      const loaded: { row: StoredMailbox; connection: MailboxConnection | null; connectionError: string | null }[] = await mailboxService().loadForSending();
      const known = new Map(cache.map((m) => [m.row.documentId, m]));
      cache = loaded.map((m) => ({
        ...m,
        health: mergeHealth(sameConnection(known.get(m.row.documentId), m) ? known.get(m.row.documentId)!.health : undefined, {
          consecutiveFailures: m.row.consecutiveFailures ?? 0,
          circuitOpenUntil: m.row.circuitOpenUntil ? new Date(m.row.circuitOpenUntil) : null,
        }),
      }));
      taskGroups = await strapi.plugin('email-notifications').service('taskGroups').loadForRouting();
      await mergeUsageFromDatabase();
      cacheLoadedAt = Date.now();
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  /**
   * Other instances send through the same mailboxes: their sends (already written) count against the
   * limits too. Local counts run ahead of the database (results are written in batches), so the larger
   * of the two wins.
   */
  async function mergeUsageFromDatabase() {
    const now = new Date();
    const counts = await repo.sentCountsByMailbox(new Date(emptyUsage(now).day), new Date(now.getTime() - 60_000));
    for (const m of cache) {
      const id = m.row.documentId;
      const local = currentUsage(usage.get(id) ?? emptyUsage(now), now);
      const stored = counts.get(id) ?? { today: 0, lastMinute: 0 };
      const missing = Math.max(0, stored.lastMinute - local.recent.length);
      usage.set(id, { day: local.day, today: Math.max(local.today, stored.today), recent: [...Array(missing).fill(now.getTime()), ...local.recent] });
    }
  }

  function candidates(now: Date): MailboxCandidate[] {
    return cache
      .filter((m) => m.connection)
      .map((m) => {
        const id = m.row.documentId;
        const used = currentUsage(usage.get(id) ?? emptyUsage(now), now);
        return {
          id,
          name: m.row.name,
          enabled: m.row.enabled,
          direction: m.row.direction,
          isDefault: m.row.isDefault,
          priority: m.row.priority,
          circuitOpenUntil: m.health.circuitOpenUntil,
          weight: m.row.weight,
          poolSize: m.row.poolSize,
          inFlight: inFlight.get(id) ?? 0,
          sentLastMinute: used.recent.length,
          limit: checkLimits(m.row, used, now),
          latitude: m.row.latitude ?? null,
          longitude: m.row.longitude ?? null,
          countryCode: m.row.countryCode || null,
        };
      });
  }

  function routeOf(row: MessageRow): RouteRequest {
    const geo = geoOf(row);
    if (!row.taskGroup) return { requested: row.requestedMailbox, taskGroup: null, ...geo };
    const group = taskGroups.find((g) => g.name === row.taskGroup);
    if (!group) return { requested: row.requestedMailbox, taskGroup: null, unknownTaskGroup: row.taskGroup, ...geo };
    return {
      requested: row.requestedMailbox,
      taskGroup: { name: group.name, strategy: group.strategy as Strategy, mailboxIds: group.mailboxes ?? [], fallback: group.fallback },
      ...geo,
    };
  }

  function geoOf(row: MessageRow): Pick<RouteRequest, 'recipientLocation' | 'geoNote'> {
    if (!row.recipientIp || !geoLookup) return {};
    const answer = geoLookup.locate(row.recipientIp);
    if (answer.location) return { recipientLocation: answer.location };
    return { geoNote: `geo routing: ${answer.reason}, so the pool's strategy decides` };
  }

  const defaultStrategy = () => config().routing.defaultStrategy;

  async function deliver(row: MessageRow): Promise<DeliveryResult> {
    await refreshMailboxes();
    const now = new Date();
    const selection = selectMailbox(candidates(now), routeOf(row), now, strategyState, defaultStrategy());
    if (!selection.mailbox) {
      const unreadable = cache.filter((m) => m.connectionError).map((m) => `"${m.row.name}": ${m.connectionError}`);
      const waitingReason = [selection.waitingReason, ...unreadable].join(' ').slice(0, 500);
      const note: AttemptRecord[] = row.waitingReason === waitingReason ? [] : [{ at: now.toISOString(), mailboxId: null, mailboxName: null, outcome: 'waiting', note: waitingReason }];
      return {
        row,
        sent: false,
        events: [],
        patch: { status: 'queued', nextAttemptAt: selection.retryAt as never, waitingReason, leaseOwner: null, leaseExpiresAt: null, attemptLog: [...(row.attemptLog ?? []), ...note] },
      };
    }
    const mailbox = cache.find((m) => m.row.documentId === selection.mailbox!.id)!;
    const excluded = applyExcludeExpression({ to: row.to ?? [], cc: row.cc ?? [], bcc: row.bcc ?? [] }, mailbox.row.excludeExpression, mailbox.row.name);
    const recipients = await applyAllowedRecipients(excluded, mailbox.row);
    const blockedNotes: AttemptRecord[] = recipients.blocked.map((b) => ({
      at: now.toISOString(),
      mailboxId: mailbox.row.documentId,
      mailboxName: mailbox.row.name,
      outcome: 'waiting',
      note: `Recipient ${b.address} removed: ${b.reason}.`,
    }));
    if (recipients.to.length + recipients.cc.length + recipients.bcc.length === 0) {
      return {
        row,
        sent: false,
        events: [],
        patch: {
          status: 'cancelled',
          cancelledAt: now as never,
          waitingReason: 'Every recipient was blocked by the mailbox recipient policy.',
          leaseOwner: null,
          leaseExpiresAt: null,
          attemptLog: [...(row.attemptLog ?? []), ...blockedNotes],
        },
      };
    }

    const messageId = row.messageId ?? `<${row.documentId}.${now.getTime().toString(36)}@${domainOf(mailbox.row.fromAddress)}>`;
    const ctx = { retryableFailures: row.retryableFailures, attempts: row.attempts, mailbox: { id: mailbox.row.documentId, name: mailbox.row.name }, now, durationMs: 0 };
    const started = Date.now();
    const mailboxId = mailbox.row.documentId;
    // Reserve the send against the limits now, so concurrent deliveries in this instance see it.
    usage.set(mailboxId, recordSend(usage.get(mailboxId) ?? emptyUsage(now), now));
    inFlight.set(mailboxId, (inFlight.get(mailboxId) ?? 0) + 1);
    try {
      const info = await pool.send(mailbox.row.documentId, mailbox.connection!, mailbox.row.poolSize, {
        from: { name: mailbox.row.displayName ?? '', address: mailbox.row.fromAddress },
        to: recipients.to.map(formatAddress),
        cc: recipients.cc.map(formatAddress),
        bcc: recipients.bcc.map(formatAddress),
        ...(row.replyTo ? { replyTo: row.replyTo } : {}),
        subject: await subjectFor(row, mailbox.row),
        ...(row.html ? { html: row.html } : {}),
        ...(row.text ? { text: row.text } : {}),
        ...(row.attachments?.length ? { attachments: row.attachments.map(toMailAttachment) } : {}),
        headers: row.headers ?? {},
        messageId,
        textEncoding: config().delivery.textEncoding,
      });
      inFlight.set(mailboxId, (inFlight.get(mailboxId) ?? 1) - 1);
      const outcome = outcomeOfSuccess({ ...ctx, durationMs: Date.now() - started }, info);
      const wasFailing = mailbox.health.consecutiveFailures > 0 || mailbox.health.circuitOpenUntil !== null;
      mailbox.health = healthAfterSuccess();
      return {
        row,
        sent: true,
        events: [],
        patch: { ...outcome.patch, messageId, fromAddress: mailbox.row.fromAddress, fromName: mailbox.row.displayName ?? null, attemptLog: [...(row.attemptLog ?? []), ...blockedNotes, { ...outcome.record, route: selection.reason }] } as never,
        ...(wasFailing ? { health: { mailboxId: mailbox.row.documentId, health: mailbox.health, success: true } } : {}),
      };
    } catch (caught) {
      inFlight.set(mailboxId, (inFlight.get(mailboxId) ?? 1) - 1);
      usage.set(mailboxId, releaseSend(usage.get(mailboxId)!, now.getTime()));
      const error = caught as { code?: string; responseCode?: number; command?: string; message?: string; response?: string; rejected?: string[] };
      const secrets = connectionSecrets(mailbox.connection!);
      const clean = {
        code: error.code ?? null,
        responseCode: typeof error.responseCode === 'number' ? error.responseCode : null,
        command: error.command ?? null,
        message: redactSecrets(String(error.message ?? caught), secrets),
        response: error.response ? redactSecrets(error.response, secrets) : null,
      };
      const delivery = config().delivery;
      const before = mailbox.health;
      // The circuit is updated first, so the retry time knows whether another mailbox is usable.
      const kind = classifyFailure(clean);
      mailbox.health = healthAfterFailure(before, kind, isConnectionFailure(clean), now, delivery);
      // A scratch strategy state: this look-ahead must not move the real rotation.
      const next = selectMailbox(candidates(now), routeOf(row), now, createStrategyState(), defaultStrategy());
      const mailboxRetryAt = next.mailbox ? now : next.retryAt;
      const outcome = outcomeOfFailure({ ...ctx, durationMs: Date.now() - started }, clean, kind, delivery, Math.random, mailboxRetryAt);
      const healthChanged = before.consecutiveFailures !== mailbox.health.consecutiveFailures || before.circuitOpenUntil !== mailbox.health.circuitOpenUntil;
      if (mailbox.health.circuitOpenUntil && mailbox.health.circuitOpenUntil !== before.circuitOpenUntil) pool.release(mailbox.row.documentId);
      return {
        row,
        sent: false,
        events: outcome.events,
        patch: { ...outcome.patch, messageId, fromAddress: mailbox.row.fromAddress, fromName: mailbox.row.displayName ?? null, attemptLog: [...(row.attemptLog ?? []), ...blockedNotes, { ...outcome.record, route: selection.reason }] } as never,
        ...(healthChanged ? { health: { mailboxId: mailbox.row.documentId, health: mailbox.health, failure: clean.message } } : {}),
        ...(kind === 'permanent' && (error.code === 'EENVELOPE' || /^RCPT/i.test(error.command ?? ''))
          ? { bounced: { addresses: error.rejected?.length ? error.rejected : [...recipients.to, ...recipients.cc, ...recipients.bcc].map((a) => a.address), reason: clean.response ?? clean.message } }
          : {}),
      };
    }
  }

  /** The subject with the mailbox's prefix; a prefix naming record fields is filled from the record. */
  async function subjectFor(row: MessageRow, mailbox: StoredMailbox): Promise<string> {
    const subject = row.subject ?? '';
    const ref = (row.origin as { record?: { contentType: string; documentId: string } } | null)?.record;
    const record = prefixNeedsRecord(mailbox.subjectPrefix) && ref ? await recordFields(strapi, ref) : null;
    return applySubjectPrefix(subject, renderSubjectPrefix(mailbox.subjectPrefix, record));
  }

  /** A mailbox that sends only to registered users drops the other recipients (recorded, never silent). */
  async function applyAllowedRecipients(lists: ReturnType<typeof applyExcludeExpression>, mailbox: StoredMailbox) {
    if (mailbox.allowedRecipients !== 'registered') return lists;
    const all = [...lists.to, ...lists.cc, ...lists.bcc].map((a) => a.address);
    const checked = applyRegisteredOnly(lists, await findRegistered(strapi, all), mailbox.name);
    return { ...checked, blocked: [...lists.blocked, ...checked.blocked] };
  }

  async function flush(results: DeliveryResult[]) {
    const outcomes = results.map(({ row, patch }) => {
      const final = patch.status === 'sent' || patch.status === 'failed' || patch.status === 'cancelled';
      // Once a message is done, the stored copy loses its secrets (reset links, tokens); the wire copy had them.
      // Only a message that really had secrets is marked: the others stay retryable from the mail log.
      const masked = final && !row.secretsMasked ? maskedCopy(row) : {};
      return { row, data: { ...patch, ...masked } as Partial<MessageRow> };
    });
    await repo.applyOutcomes(outcomes);
    const latestHealth = new Map<string, NonNullable<DeliveryResult['health']>>();
    for (const result of results) if (result.health) latestHealth.set(result.health.mailboxId, result.health);
    for (const change of latestHealth.values()) {
      const now = new Date();
      await mailboxService().recordHealth(change.mailboxId, {
        consecutiveFailures: change.health.consecutiveFailures,
        circuitOpenUntil: change.health.circuitOpenUntil as never,
        ...(change.success ? { lastSuccessAt: now as never } : { lastFailure: change.failure ?? null, lastFailureAt: now as never }),
      });
    }
    for (const result of results) {
      if (result.sent) counters.sent += 1;
      if (result.events.includes('final-delivery-failed')) counters.failed += 1;
      for (const event of result.events) {
        log.warn(
          `[email-notifications] smtp ${event} messageId=${result.row.documentId} mailboxId=${String(result.patch.mailboxId ?? '')} attempt=${String(result.patch.attempts ?? '')} code=${String(result.patch.lastErrorCode ?? '')}`,
        );
      }
    }
    for (const result of results) {
      const rejected = result.sent ? ((result.patch.rejectedRecipients as string[] | undefined) ?? []) : [];
      const bounce = result.bounced ?? (rejected.length ? { addresses: rejected, reason: String(result.patch.serverResponse ?? 'refused by the receiving server') } : null);
      if (!bounce) continue;
      for (const hook of bounceHooks) {
        try {
          await hook(bounce.addresses, bounce.reason);
        } catch (error) {
          log.error(`[email-notifications] recording a bounce failed for messageId=${result.row.documentId}: ${(error as Error).message}`);
        }
      }
    }
    if (afterSend.length) {
      for (const [index, result] of results.entries()) {
        if (!result.sent) continue;
        const message = { ...result.row, ...outcomes[index]!.data } as MessageRow;
        // Record changes a hook makes are work caused by this notification: rules see its chain depth.
        const depth = Number((message.origin as { chainDepth?: number } | null)?.chainDepth ?? 0);
        for (const hook of afterSend) {
          try {
            await runAtChainDepth(depth, () => hook(message));
          } catch (error) {
            log.error(`[email-notifications] an onAfterSend hook failed for messageId=${result.row.documentId}: ${(error as Error).message}`);
          }
        }
      }
    }
  }

  async function release(rows: MessageRow[]) {
    for (const row of rows) {
      await repo.query().updateMany({
        where: { id: row.id, leaseOwner: row.leaseOwner, status: 'sending' },
        data: { status: 'queued', leaseOwner: null, leaseExpiresAt: null, nextAttemptAt: new Date() },
      });
    }
  }

  let lastRetentionAt = 0;

  async function maintenance() {
    await recordHeartbeat(strapi, instanceId, counters);
    await strapi.plugin('email-notifications').service('settings').refresh();
    const retention = config().retention;
    if (Date.now() - lastRetentionAt >= retention.intervalMinutes * 60_000) {
      lastRetentionAt = Date.now();
      const report = await runRetention(strapi, retention);
      if (report.deletedMessages || report.purgedBodies) {
        log.info(`[email-notifications] retention: deleted ${report.deletedMessages} message(s), purged ${report.purgedBodies} body(ies)`);
      }
    }
    const reclaimed = await repo.reclaimExpiredLeases(new Date());
    if (reclaimed) log.warn(`[email-notifications] reclaimed ${reclaimed} message(s) whose sending instance stopped`);
  }

  return {
    instanceId,
    repository: repo,
    /** Opens the geo database when geo routing is on; a missing or unreadable file stops start-up. */
    async prepare() {
      const geo = config().routing.geo;
      geoLookup = geo.enabled && geo.databasePath ? await openGeoLookup(geo.databasePath) : null;
      if (!geo.enabled) log.info('[email-notifications] geo routing is off (routing.geo.enabled); mailboxes are chosen by strategy only');
    },
    start() {
      const delivery = config().delivery;
      worker = createDeliveryWorker<MessageRow, DeliveryResult>(
        {
          claim: (limit) => repo.claimDue(instanceId, limit, new Date(), delivery.leaseMs),
          deliver,
          flush,
          release,
          maintenance,
          onError: (error, where) => log.error(`[email-notifications] delivery worker ${where} failed: ${(error as Error)?.message ?? String(error)}`),
        },
        {
          concurrency: delivery.concurrency,
          pollIntervalMs: delivery.pollIntervalMs,
          flushIntervalMs: delivery.flushIntervalMs,
          maintenanceIntervalMs: delivery.heartbeatIntervalMs,
          stopTimeoutMs: 10_000,
        },
      );
      worker.start();
    },
    async stop() {
      await worker?.stop();
      worker = null;
      pool.closeAll();
      await recordWorkerStopped(strapi, instanceId).catch(() => undefined);
    },
    wake: () => worker?.wake(),
    /**
     * A mailbox was added or changed in this instance: forget the cached mailboxes, and let messages
     * that were waiting for a usable mailbox try again now instead of at their next check.
     */
    async mailboxesChanged() {
      cacheLoadedAt = 0;
      await repo.query().updateMany({ where: { status: 'queued', waitingReason: { $notNull: true } }, data: { nextAttemptAt: new Date() } });
      worker?.wake();
    },
    onAfterSend: (hook: AfterSendHook) => afterSend.push(hook),
    onBounce: (hook: BounceHook) => bounceHooks.push(hook),
    isRunning: () => worker?.stats().running ?? false,
  };
}

export type DeliveryEngine = ReturnType<typeof createDeliveryEngine>;

/**
 * This instance may know of a failure it has not written yet (results are flushed in batches): keep
 * the later of the two circuit deadlines so a reload does not reopen a mailbox that just failed.
 */
function mergeHealth(local: MailboxHealth | undefined, stored: MailboxHealth): MailboxHealth {
  if (!local) return stored;
  const localUntil = local.circuitOpenUntil?.getTime() ?? 0;
  const storedUntil = stored.circuitOpenUntil?.getTime() ?? 0;
  return localUntil > storedUntil ? local : stored;
}

/** False when an admin changed the connection settings: earlier failures say nothing about the new ones. */
function sameConnection(previous: { connection: MailboxConnection | null } | undefined, next: { connection: MailboxConnection | null }): boolean {
  return !!previous && JSON.stringify(previous.connection) === JSON.stringify(next.connection);
}

function maskedCopy(row: MessageRow): Partial<MessageRow> {
  const copy = { subject: maskSecrets(row.subject), html: maskSecrets(row.html), text: maskSecrets(row.text) };
  const changed = copy.subject !== row.subject || copy.html !== row.html || copy.text !== row.text;
  return changed ? { ...copy, secretsMasked: true } : {};
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1) || 'localhost';
}


