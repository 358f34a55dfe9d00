/*
 * One instance's view of where mail can go: the mailboxes with their decrypted connections, task
 * groups, each mailbox's health (circuit) and usage (limits, sends in flight), reloaded every few
 * seconds. It answers "which mailbox for this message" with core/routing's selectMailbox and keeps
 * the state that decision needs. It never sends and never writes: health changes are returned.
 */
import type { PluginConfig } from '../config/schema';
import { healthAfterFailure, healthAfterSuccess, type MailboxHealth } from '../core/routing/circuit-breaker';
import type { DkimSigningKey } from '../core/deliverability/dkim-keyring';
import type { FailureKind } from '../core/delivery/classify-error';
import { checkLimits, currentUsage, emptyUsage, recordSend, releaseSend, sentInLastMinute, withSends, type MailboxUsage } from '../core/routing/limits';
import { selectMailbox, type MailboxCandidate, type RouteRequest, type Selection } from '../core/routing/select-mailbox';
import { createStrategyState, type Strategy } from '../core/routing/strategies';
import type { MailboxConnection } from '../core/smtp/transport-options';
import type { StoredMailbox } from '../mailboxes/mailbox-dto';
import type { LoadedMailbox } from '../mailboxes/mailbox-store';
import type { GeoLookup } from './geo-lookup';
import type { StoredTaskGroup } from './task-group-store';

const REFRESH_MS = 2000;

export interface DirectoryMailbox {
  row: StoredMailbox;
  connection: MailboxConnection;
  /** The DKIM keys its messages are signed with. */
  dkim: DkimSigningKey[];
  health: MailboxHealth;
}

/** A change of a mailbox's health that should be written (only real changes are reported). */
export interface HealthChange {
  mailboxId: string;
  health: MailboxHealth;
  failure?: string;
  success?: boolean;
}

export interface RoutedMessage {
  requestedMailbox: string | null;
  taskGroup: string | null;
  recipientIp: string | null;
}

export interface MailboxDirectoryDeps {
  loadMailboxes(): Promise<LoadedMailbox[]>;
  loadTaskGroups(): Promise<StoredTaskGroup[]>;
  sentCounts(dayStart: Date, minuteStart: Date): Promise<Map<string, { today: number; lastMinute: number }>>;
  geo(): GeoLookup | null;
  config(): PluginConfig;
}

export function createMailboxDirectory(deps: MailboxDirectoryDeps) {
  let cache: (LoadedMailbox & { health: MailboxHealth })[] = [];
  let taskGroups: StoredTaskGroup[] = [];
  const strategyState = createStrategyState();
  const usage = new Map<string, MailboxUsage>();
  const inFlight = new Map<string, number>();
  let loadedAt = 0;
  let refreshing: Promise<void> | null = null;

  /** Reloads mailboxes and task groups every few seconds; concurrent callers share one reload. */
  function refresh(): Promise<void> {
    if (refreshing) return refreshing;
    if (loadedAt && Date.now() - loadedAt < REFRESH_MS) return Promise.resolve();
    refreshing = (async () => {
      const loaded = await deps.loadMailboxes();
      const known = new Map(cache.map((m) => [m.row.documentId, m]));
      cache = loaded.map((m) => {
        const previous = known.get(m.row.documentId);
        const stored = { consecutiveFailures: m.row.consecutiveFailures ?? 0, circuitOpenUntil: m.row.circuitOpenUntil ? new Date(m.row.circuitOpenUntil) : null };
        return { ...m, health: mergeHealth(previous && sameConnection(previous, m) ? previous.health : undefined, stored) };
      });
      taskGroups = await deps.loadTaskGroups();
      await mergeUsageFromDatabase();
      loadedAt = Date.now();
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  /**
   * Other instances send through the same mailboxes: their sends (already written) count against the
   * limits too (only read when a mailbox has a limit). Local counts run ahead of the database (results are written in batches), so the larger
   * of the two wins.
   */
  async function mergeUsageFromDatabase() {
    // Without limits nothing needs other instances' counts, and the count reads every message sent today.
    if (!cache.some((m) => m.row.rateLimitPerMinute > 0 || m.row.dailyQuota > 0)) return;
    const now = new Date();
    const counts = await deps.sentCounts(new Date(emptyUsage(now).day), new Date(now.getTime() - 60_000));
    for (const m of cache) {
      const id = m.row.documentId;
      const local = currentUsage(usage.get(id) ?? emptyUsage(now), now);
      const stored = counts.get(id) ?? { today: 0, lastMinute: 0 };
      const missing = Math.max(0, stored.lastMinute - sentInLastMinute(local));
      const merged = { ...local, today: Math.max(local.today, stored.today) };
      usage.set(id, missing ? withSends(merged, now.getTime(), missing) : merged);
    }
  }

  function candidates(now: Date): MailboxCandidate[] {
    return cache
      .filter((m) => m.connection)
      .map(({ row, health }) => {
        const used = currentUsage(usage.get(row.documentId) ?? emptyUsage(now), now);
        return {
          id: row.documentId,
          name: row.name,
          enabled: row.enabled,
          direction: row.direction,
          isDefault: row.isDefault,
          priority: row.priority,
          circuitOpenUntil: health.circuitOpenUntil,
          weight: row.weight,
          poolSize: row.poolSize,
          inFlight: inFlight.get(row.documentId) ?? 0,
          sentLastMinute: sentInLastMinute(used),
          limit: checkLimits(row, used, now),
          latitude: row.latitude ?? null,
          longitude: row.longitude ?? null,
          countryCode: row.countryCode || null,
        };
      });
  }

  function routeOf(message: RoutedMessage): RouteRequest {
    const geo = geoOf(message.recipientIp);
    const base = { requested: message.requestedMailbox, ...geo };
    if (!message.taskGroup) return { ...base, taskGroup: null };
    const group = taskGroups.find((g) => g.name === message.taskGroup);
    if (!group) return { ...base, taskGroup: null, unknownTaskGroup: message.taskGroup };
    return { ...base, taskGroup: { name: group.name, strategy: group.strategy as Strategy, mailboxIds: group.mailboxes ?? [], fallback: group.fallback } };
  }

  function geoOf(ip: string | null): Pick<RouteRequest, 'recipientLocation' | 'geoNote'> {
    const lookup = deps.geo();
    if (!ip || !lookup) return {};
    const answer = lookup.locate(ip);
    if (answer.location) return { recipientLocation: answer.location };
    return { geoNote: `geo routing: ${answer.reason}, so the pool's strategy decides` };
  }

  const strategy = () => deps.config().routing.defaultStrategy;
  const find = (id: string) => cache.find((m) => m.row.documentId === id) as (DirectoryMailbox & LoadedMailbox) | undefined;

  return {
    refresh,
    /** Forget the cache: the next refresh reloads at once. */
    invalidate() {
      loadedAt = 0;
    },
    /** The mailbox for a message now, moving the rotation of load-sharing strategies. */
    select: (message: RoutedMessage, now: Date): Selection => selectMailbox(candidates(now), routeOf(message), now, strategyState, strategy()),
    /** Whether another mailbox could take the message now; a scratch state leaves the real rotation alone. */
    lookAhead: (message: RoutedMessage, now: Date): Selection => selectMailbox(candidates(now), routeOf(message), now, createStrategyState(), strategy()),
    mailbox: (id: string): DirectoryMailbox => find(id)!,
    /** Mailboxes skipped because their secret cannot be decrypted, as notes for the waiting reason. */
    unreadable: () => cache.filter((m) => m.connectionError).map((m) => `"${m.row.name}": ${m.connectionError}`),
    /** Reserves a send against the limits at once, so concurrent deliveries in this instance see it. */
    reserve(id: string, now: Date) {
      usage.set(id, recordSend(usage.get(id) ?? emptyUsage(now), now));
      inFlight.set(id, (inFlight.get(id) ?? 0) + 1);
    },
    /** The send ended; a failed one gives its place in the limits back. */
    settle(id: string, now: Date, sent: boolean) {
      inFlight.set(id, (inFlight.get(id) ?? 1) - 1);
      if (!sent) usage.set(id, releaseSend(usage.get(id) ?? emptyUsage(now), now.getTime()));
    },
    /** A success closes the circuit; reported only when the mailbox was failing. */
    recordSuccess(mailbox: DirectoryMailbox): HealthChange | null {
      const wasFailing = mailbox.health.consecutiveFailures > 0 || mailbox.health.circuitOpenUntil !== null;
      mailbox.health = healthAfterSuccess();
      return wasFailing ? { mailboxId: mailbox.row.documentId, health: mailbox.health, success: true } : null;
    },
    /** A failure may open the circuit (see core/routing/circuit-breaker); reported when the health changed. */
    recordFailure(mailbox: DirectoryMailbox, kind: FailureKind, connectionFailure: boolean, failure: string, now: Date): { change: HealthChange | null; opened: boolean } {
      const before = mailbox.health;
      mailbox.health = healthAfterFailure(before, kind, connectionFailure, now, deps.config().delivery);
      const changed = before.consecutiveFailures !== mailbox.health.consecutiveFailures || before.circuitOpenUntil !== mailbox.health.circuitOpenUntil;
      const opened = !!mailbox.health.circuitOpenUntil && mailbox.health.circuitOpenUntil !== before.circuitOpenUntil;
      return { change: changed ? { mailboxId: mailbox.row.documentId, health: mailbox.health, failure } : null, opened };
    },
  };
}

export type MailboxDirectory = ReturnType<typeof createMailboxDirectory>;

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
function sameConnection(previous: { connection: MailboxConnection | null }, next: { connection: MailboxConnection | null }): boolean {
  return JSON.stringify(previous.connection) === JSON.stringify(next.connection);
}
