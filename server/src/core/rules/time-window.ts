/*
 * Time rules ("turn-around time exceeded"): when a record becomes due, whether it is overdue now, and
 * the window key that makes "notify once" (per record, per day, per due date) a unique database row.
 * Pure: the clock is `now`; the scanner that loads records and writes the rows lives in triggers/.
 */
import { valueAtPath } from './record-path';
import { hoursFrom, toInstant } from './record-values';

export type TimeRepeat = 'once' | 'daily' | 'perDueDate';

export interface TimeTriggerFields {
  /** The date/datetime field the hours count from, e.g. `receivedAt`. */
  field: string;
  /** A number of hours, or `{ field }`: hours read from a number field of the record (`tatHours`). */
  olderThanHours: number | { field: string };
}

const HOUR_MS = 3_600_000;

/** The instant the record becomes overdue, or null when the date or the hours are empty. */
export function dueAt(record: unknown, trigger: TimeTriggerFields): Date | null {
  const start = toInstant(valueAtPath(record, trigger.field));
  const hours = hoursFrom(trigger.olderThanHours, record);
  if (start === null || hours === null) return null;
  return new Date(start + hours * HOUR_MS);
}

export function isOverdue(record: unknown, trigger: TimeTriggerFields, now: Date): boolean {
  const due = dueAt(record, trigger);
  return due !== null && due.getTime() <= now.getTime();
}

/** YYYY-MM-DD of `instant` on the wall calendar of `timezone`. */
export function calendarDate(instant: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * The window a notification belongs to; one row per (rule, record, window) makes it fire once.
 * `once`: a single window; the caller deletes the row when the record leaves the condition, so a
 * record that becomes overdue again is notified again. `daily`: one per calendar day in `timezone`.
 * `perDueDate`: one per due instant, so moving the due date re-arms the rule.
 */
export function windowKey(repeat: TimeRepeat, at: { dueAt: Date; now: Date; timezone: string }): string {
  switch (repeat) {
    case 'daily':
      return calendarDate(at.now, at.timezone);
    case 'perDueDate':
      return `due:${at.dueAt.toISOString()}`;
    default:
      return 'once';
  }
}
