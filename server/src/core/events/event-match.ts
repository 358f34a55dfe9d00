/*
 * Whether an SMTP event fires a rule: enabled, the event type, then each condition the rule sets
 * (time of day in its zone, which may wrap midnight; day of week; server, port, addresses, SSL, auth).
 * Pure: the time is the event's own `at`; every answer says why, for the history and the tests.
 */
import type { EventConditions, EventRule } from './event-rule-input';
import { DAYS_OF_WEEK, type DayOfWeek } from './event-rule-input';
import type { SmtpEvent } from './event-types';

export interface MatchResult {
  matches: boolean;
  reason: string;
}

const WEEKDAYS: Record<string, DayOfWeek> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };

/** Minutes since local midnight and the weekday of `instant` on the wall clock of `timezone`. */
export function wallClock(instant: Date, timezone: string): { minutes: number; day: DayOfWeek } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit', weekday: 'short' }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { minutes: Number(part('hour')) * 60 + Number(part('minute')), day: WEEKDAYS[part('weekday')] ?? DAYS_OF_WEEK[0] };
}

const toMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** From inclusive, to exclusive; a window whose end is before its start wraps midnight ("22:00"-"06:00"). */
export function inTimeOfDay(minutes: number, from: string, to: string): boolean {
  const start = toMinutes(from);
  const end = toMinutes(to);
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

/** `*` stands for any characters; `@domain` means any address at that domain; case does not matter. */
export function matchesPattern(pattern: string, value: string | null): boolean {
  if (value === null) return false;
  const subject = value.toLowerCase();
  const wanted = pattern.toLowerCase();
  if (wanted.startsWith('@')) return subject.endsWith(wanted);
  if (!wanted.includes('*')) return subject === wanted;
  const regex = new RegExp(`^${wanted.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(subject);
}

type Check = (conditions: EventConditions, event: SmtpEvent) => string | null;

const flag = (value: boolean | null) => (value === null ? 'unknown' : String(value));

/** Each returns why the event misses the condition, or null when it holds (or is not set). */
const CHECKS: Check[] = [
  ({ timeOfDay: t }, event) => {
    if (!t) return null;
    const { minutes } = wallClock(new Date(event.at), t.timezone);
    const clock = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    return inTimeOfDay(minutes, t.from, t.to) ? null : `${clock} in ${t.timezone} is outside ${t.from}-${t.to}`;
  },
  ({ daysOfWeek, timeOfDay }, event) => {
    if (!daysOfWeek) return null;
    const { day } = wallClock(new Date(event.at), timeOfDay?.timezone ?? 'UTC');
    return daysOfWeek.includes(day) ? null : `${day} is not one of ${daysOfWeek.join(', ')}`;
  },
  ({ smtpServer }, event) => (smtpServer === undefined || matchesPattern(smtpServer, event.server.host) ? null : `server ${event.server.host ?? '(none)'} does not match "${smtpServer}"`),
  ({ port }, event) => (port === undefined || event.server.port === port ? null : `port ${event.server.port ?? '(none)'} is not ${port}`),
  ({ emailAddress }, event) =>
    emailAddress === undefined || matchesPattern(emailAddress, event.mailbox.emailAddress) ? null : `mailbox address ${event.mailbox.emailAddress ?? '(none)'} does not match "${emailAddress}"`,
  ({ ssl }, event) => (ssl === undefined || event.server.ssl === ssl ? null : `SSL is ${flag(event.server.ssl)}, the rule wants ${ssl}`),
  ({ requiresAuth }, event) => (requiresAuth === undefined || event.server.requiresAuth === requiresAuth ? null : `authentication is ${flag(event.server.requiresAuth)}, the rule wants ${requiresAuth}`),
  ({ customerEmail }, event) =>
    customerEmail === undefined || matchesPattern(customerEmail, event.customerEmail) ? null : `customer email ${event.customerEmail ?? '(none)'} does not match "${customerEmail}"`,
];

/**
 * The day of week is read in the time-of-day's zone when the rule has one (one local calendar for both),
 * else in UTC.
 */
export function matchEvent(rule: Pick<EventRule, 'enabled' | 'eventType' | 'conditions'>, event: SmtpEvent): MatchResult {
  if (!rule.enabled) return { matches: false, reason: 'the rule is disabled' };
  if (rule.eventType !== event.type) return { matches: false, reason: `the rule is for ${rule.eventType}, the event is ${event.type}` };
  for (const check of CHECKS) {
    const miss = check(rule.conditions, event);
    if (miss) return { matches: false, reason: miss };
  }
  return { matches: true, reason: 'every condition holds' };
}
