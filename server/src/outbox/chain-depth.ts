/*
 * How deep the current code runs inside notifications: a record change made by an onAfterSend hook
 * (or by a resolver) carries the depth of the notification that caused it, so a rule that triggers
 * itself through such a change stops at rules.maxChainDepth instead of mailing forever.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<{ depth: number }>();

export function currentChainDepth(): number {
  return storage.getStore()?.depth ?? 0;
}

/** Runs `fn` as work caused by a notification at `depth`. */
export function runAtChainDepth<T>(depth: number, fn: () => T): T {
  return storage.run({ depth }, fn);
}
