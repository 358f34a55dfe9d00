/*
 * The ticks of a schedule rule's cron expression in its time zone, and which tick (at most one) a
 * runner should fire now, given the last tick it ran and the catch-up policy. Pure: the clock is `now`,
 * and "fire once across instances" is the caller's lease row keyed by tickKey.
 */
import { CronExpressionParser } from 'cron-parser';

export type CatchUp = 'skip' | 'runOnce';

/** How late a tick may still run under `skip` (a runner polling every few seconds is never this late). */
export const DEFAULT_GRACE_MS = 60_000;

/** True for an IANA time zone name the runtime (and so cron-parser) knows. */
export function isValidTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** Why `cron` is not usable, in words, or null when it is fine. Accepts 5 fields, or 6 with seconds first. */
export function checkCron(cron: string): string | null {
  const fields = cron.trim().split(/\s+/).filter(Boolean);
  if (fields.length !== 5 && fields.length !== 6) {
    return `must have 5 fields ("minute hour day-of-month month day-of-week", like "0 8 * * 1-5") or 6 with seconds first, but "${cron}" has ${fields.length}`;
  }
  try {
    // Parsing alone accepts dates that never come (31 February); asking for the next tick finds them.
    CronExpressionParser.parse(cron, { currentDate: 0, tz: 'UTC' }).next();
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `"${cron}" is not a valid cron expression (${reason.charAt(0).toLowerCase()}${reason.slice(1)}): fields are minute 0-59, hour 0-23, day of month 1-31, month 1-12, day of week 0-7`;
  }
}

function expression(cron: string, timezone: string, currentDate: Date) {
  return CronExpressionParser.parse(cron, { currentDate, tz: timezone });
}

/** The latest tick at or before `now`, or null when there is none. */
export function previousTick(cron: string, timezone: string, now: Date): Date | null {
  try {
    // cron-parser's prev() is strictly before its start; ticks are whole seconds, so +1 ms includes `now`.
    return expression(cron, timezone, new Date(now.getTime() + 1)).prev().toDate();
  } catch {
    return null;
  }
}

/** The first tick strictly after `now`. Throws for an invalid expression (validate with checkCron first). */
export function nextTick(cron: string, timezone: string, now: Date): Date {
  return expression(cron, timezone, now).next().toDate();
}

/** The unique key of one run of one schedule: a second insert of it means the tick already ran. */
export function tickKey(ruleId: string | number, tick: Date): string {
  return `${String(ruleId)}@${tick.toISOString()}`;
}

export interface TicksToRunInput {
  cron: string;
  timezone: string;
  /** The last tick that ran; null when the schedule never ran (then only a tick within the grace runs). */
  lastRunTick: Date | null;
  now: Date;
  catchUp: CatchUp;
  graceMs?: number;
}

/**
 * The tick to run now: none or one. After a downtime `runOnce` runs only the latest missed tick (one
 * digest, not one per missed morning); `skip` runs it only if it is due within the grace period.
 */
export function ticksToRun(input: TicksToRunInput): Date[] {
  const { cron, timezone, lastRunTick, now, catchUp, graceMs = DEFAULT_GRACE_MS } = input;
  const latest = previousTick(cron, timezone, now);
  if (!latest) return [];
  if (lastRunTick && latest.getTime() <= lastRunTick.getTime()) return [];
  const onTime = now.getTime() - latest.getTime() <= graceMs;
  // A schedule that never ran has no missed ticks: the ticks before it existed are history, not downtime.
  if (onTime || (catchUp === 'runOnce' && lastRunTick !== null)) return [latest];
  return [];
}
