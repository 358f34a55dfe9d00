/*
 * Max frequency: per rule, a window of `maxFrequencyMinutes` opened by the event that runs the actions;
 * later events in it are folded (counted, first and last time), and the run that opens the next window
 * reports them. Pure: the stored state and `now` in, the decision and the state to store out.
 */
import type { FoldedEvents } from './event-types';

export interface WindowState {
  /** When the current window opened (the last run), or null before the first. */
  openedAt: string | null;
  folded: number;
  firstFoldedAt: string | null;
  lastFoldedAt: string | null;
}

export const EMPTY_WINDOW: WindowState = { openedAt: null, folded: 0, firstFoldedAt: null, lastFoldedAt: null };

export type WindowDecision =
  | { run: true; folded: FoldedEvents | null; next: WindowState; reason: string }
  | { run: false; next: WindowState; reason: string };

export function decideWindow(state: WindowState, maxFrequencyMinutes: number, now: Date): WindowDecision {
  const at = now.toISOString();
  const closesAt = state.openedAt === null ? null : new Date(state.openedAt).getTime() + maxFrequencyMinutes * 60_000;
  // A clock that went back (another instance's) must not hold the window open forever: `now` before the opening runs too.
  const open = closesAt !== null && maxFrequencyMinutes > 0 && now.getTime() < closesAt && now.getTime() >= new Date(state.openedAt!).getTime();
  if (open) {
    const next = { openedAt: state.openedAt, folded: state.folded + 1, firstFoldedAt: state.firstFoldedAt ?? at, lastFoldedAt: at };
    return { run: false, next, reason: `folded into the window opened at ${state.openedAt} (${next.folded} so far; at most one run per ${maxFrequencyMinutes} min)` };
  }
  const folded = state.folded > 0 ? { count: state.folded, firstAt: state.firstFoldedAt!, lastAt: state.lastFoldedAt! } : null;
  const next = { openedAt: at, folded: 0, firstFoldedAt: null, lastFoldedAt: null };
  const reason = maxFrequencyMinutes === 0 ? 'runs on every event' : folded ? `runs; reports ${folded.count} folded event(s) since ${folded.firstAt}` : 'runs; opens a new window';
  return { run: true, folded, next, reason };
}

/** "and 499 more since 14:05" in words, for the alert and the log line. */
export function describeFolded(folded: FoldedEvents | null): string {
  if (!folded) return '';
  return `and ${folded.count} more since ${folded.firstAt} (last at ${folded.lastAt})`;
}
