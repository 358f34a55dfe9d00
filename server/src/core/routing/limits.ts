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
  /**
   * Sends within the last minute, counted per second (`at` is the second's start, ms), oldest first.
   * Per second, not per send: at hundreds of sends a second, a list of every send time would be copied
   * and filtered on each routing decision, and routing would slow down as the rate grows.
   */
  recent: { at: number; count: number }[];
  /** Sends since the start of `day`. */
  today: number;
  /** Start of the UTC day `today` counts, ms. */
  day: number;
}

export type LimitVerdict = { ok: true } | { ok: false; reason: string; until: Date };

const MINUTE_MS = 60_000;
const SECOND_MS = 1000;

export function startOfUtcDay(now: Date): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}

export function emptyUsage(now: Date): MailboxUsage {
  return { recent: [], today: 0, day: startOfUtcDay(now) };
}

const secondOf = (ms: number) => ms - (ms % SECOND_MS);

/** Sends counted in the last minute. */
export function sentInLastMinute(usage: MailboxUsage): number {
  let total = 0;
  for (const bucket of usage.recent) total += bucket.count;
  return total;
}

/**
 * Drops what fell out of the windows (the minute, the day). A second counts until a full minute has
 * passed since its end, so a rate limit is never exceeded by counting a send a moment too early.
 */
export function currentUsage(usage: MailboxUsage, now: Date): MailboxUsage {
  const day = startOfUtcDay(now);
  const since = now.getTime() - MINUTE_MS - SECOND_MS;
  const first = usage.recent.findIndex((b) => b.at > since);
  const recent = first === 0 ? usage.recent : first < 0 ? [] : usage.recent.slice(first);
  return { recent, today: usage.day === day ? usage.today : 0, day };
}

export function checkLimits(limits: MailboxLimits, usage: MailboxUsage, now: Date): LimitVerdict {
  const current = currentUsage(usage, now);
  if (limits.dailyQuota > 0 && current.today >= limits.dailyQuota) {
    return { ok: false, reason: `reached its daily quota of ${limits.dailyQuota}`, until: new Date(current.day + 86_400_000) };
  }
  if (limits.rateLimitPerMinute > 0 && sentInLastMinute(current) >= limits.rateLimitPerMinute) {
    return { ok: false, reason: `reached its rate limit of ${limits.rateLimitPerMinute} per minute`, until: new Date(current.recent[0]!.at + SECOND_MS + MINUTE_MS) };
  }
  return { ok: true };
}

/** `count` sends at `at` (ms) added to the usage. */
export function withSends(usage: MailboxUsage, at: number, count: number): MailboxUsage {
  const second = secondOf(at);
  const last = usage.recent[usage.recent.length - 1];
  const recent = last && last.at === second ? [...usage.recent.slice(0, -1), { at: second, count: last.count + count }] : [...usage.recent, { at: second, count }];
  return { ...usage, recent };
}

export function recordSend(usage: MailboxUsage, now: Date): MailboxUsage {
  const current = currentUsage(usage, now);
  return { ...withSends(current, now.getTime(), 1), today: current.today + 1 };
}

/** Gives back a reservation whose send failed (a refused message does not count against the quota). */
export function releaseSend(usage: MailboxUsage, sentAt: number): MailboxUsage {
  const second = secondOf(sentAt);
  const recent = usage.recent.flatMap((b) => (b.at !== second ? [b] : b.count > 1 ? [{ at: b.at, count: b.count - 1 }] : []));
  return { ...usage, recent, today: Math.max(0, usage.today - (sentAt >= usage.day ? 1 : 0)) };
}
