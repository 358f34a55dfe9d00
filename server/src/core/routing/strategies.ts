/*
 * Load-sharing strategies over a pool of usable mailboxes. Pure, except for the small per-instance
 * state passed in (round-robin positions, smooth-weight counters), which the caller owns.
 *  - failover:     the first usable mailbox in pool order (priority);
 *  - round-robin:  each usable mailbox in turn;
 *  - weighted:     in proportion to `weight`, spread evenly (nginx's smooth weighted round robin);
 *  - least-loaded: the fewest sends in flight relative to its pool size, then the fewest in the last minute.
 */

export const STRATEGIES = ['failover', 'round-robin', 'weighted', 'least-loaded'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export interface PoolMember {
  id: string;
  weight: number;
  poolSize: number;
  inFlight: number;
  sentLastMinute: number;
}

export interface StrategyState {
  position: Map<string, number>;
  currentWeight: Map<string, Map<string, number>>;
}

export function createStrategyState(): StrategyState {
  return { position: new Map(), currentWeight: new Map() };
}

/**
 * @param pool    every mailbox of the pool, in pool order (the rotation stays fair when some are unusable)
 * @param usable  ids of the members that may take this message now
 * @param poolKey which pool the state belongs to (a task group name, or the default pool)
 */
export function pickMember<T extends PoolMember>(strategy: Strategy, pool: T[], usable: Set<string>, state: StrategyState, poolKey: string): T | null {
  const candidates = pool.filter((m) => usable.has(m.id));
  if (candidates.length === 0) return null;
  switch (strategy) {
    case 'failover':
      return candidates[0]!;
    case 'round-robin': {
      const start = state.position.get(poolKey) ?? 0;
      for (let step = 0; step < pool.length; step += 1) {
        const index = (start + step) % pool.length;
        if (usable.has(pool[index]!.id)) {
          state.position.set(poolKey, index + 1);
          return pool[index]!;
        }
      }
      return candidates[0]!;
    }
    case 'weighted': {
      const weights = state.currentWeight.get(poolKey) ?? new Map<string, number>();
      state.currentWeight.set(poolKey, weights);
      let total = 0;
      let best: T | null = null;
      for (const member of candidates) {
        const current = (weights.get(member.id) ?? 0) + member.weight;
        weights.set(member.id, current);
        total += member.weight;
        if (!best || current > weights.get(best.id)!) best = member;
      }
      weights.set(best!.id, weights.get(best!.id)! - total);
      return best;
    }
    case 'least-loaded':
      return [...candidates].sort(
        (a, b) => a.inFlight / a.poolSize - b.inFlight / b.poolSize || a.sentLastMinute - b.sentLastMinute || candidates.indexOf(a) - candidates.indexOf(b),
      )[0]!;
  }
}
