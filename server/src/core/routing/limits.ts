/*
 * Per-mailbox sending limits: a rate (messages per minute) and a daily quota (per UTC day). Pure: the
 * caller keeps the usage (sends in the last minute, sends today) and asks whether one more may go,
 * and if not, until when the mailbox is full.
 */

export interface MailboxLimits {
  rateLimitPerMinute: number;
  dailyQuota: number;
}

export interface MailboxUsage {
  /** Send times (ms) within the last minute, oldest first. */
  recent: number[];
  /** Sends since the start of `day`. */
  today: number;
  /** Start of the UTC day `today` counts, ms. */
  day: number;
}

export type LimitVerdict = { ok: true } | { ok: false; reason: string; until: Date };

const MINUTE_MS = 60_000;

export function startOfUtcDay(now: Date): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}

export function emptyUsage(now: Date): MailboxUsage {
  return { recent: [], today: 0, day: startOfUtcDay(now) };
}

/** Drops what fell out of the windows (the minute, the day). */
export function currentUsage(usage: MailboxUsage, now: Date): MailboxUsage {
  const day = startOfUtcDay(now);
  const since = now.getTime() - MINUTE_MS;
  return { recent: usage.recent.filter((t) => t > since), today: usage.day === day ? usage.today : 0, day };
}

export function checkLimits(limits: MailboxLimits, usage: MailboxUsage, now: Date): LimitVerdict {
  const current = currentUsage(usage, now);
  if (limits.dailyQuota > 0 && current.today >= limits.dailyQuota) {
    return { ok: false, reason: `reached its daily quota of ${limits.dailyQuota}`, until: new Date(current.day + 86_400_000) };
  }
  if (limits.rateLimitPerMinute > 0 && current.recent.length >= limits.rateLimitPerMinute) {
    return { ok: false, reason: `reached its rate limit of ${limits.rateLimitPerMinute} per minute`, until: new Date(current.recent[0]! + MINUTE_MS) };
  }
  return { ok: true };
}

export function recordSend(usage: MailboxUsage, now: Date): MailboxUsage {
  const current = currentUsage(usage, now);
  return { recent: [...current.recent, now.getTime()], today: current.today + 1, day: current.day };
}

/** Gives back a reservation whose send failed (a refused message does not count against the quota). */
export function releaseSend(usage: MailboxUsage, sentAt: number): MailboxUsage {
  const index = usage.recent.lastIndexOf(sentAt);
  const recent = index >= 0 ? [...usage.recent.slice(0, index), ...usage.recent.slice(index + 1)] : usage.recent;
  return { ...usage, recent, today: Math.max(0, usage.today - (sentAt >= usage.day ? 1 : 0)) };
}
