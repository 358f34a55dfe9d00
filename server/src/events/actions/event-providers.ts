/*
 * The registry of external event providers: handlers a developer registers by name
 * (`registerEventProvider('pagerduty', async (event, ctx) => …)`) and a rule's provider action calls.
 * It only stores and looks up; calling a handler and judging its result is provider-action.ts's job.
 */
import type { FoldedEvents, SmtpEvent } from '../../core/events/event-types';

/** What a provider handler learns besides the event: the rule, the folded events, the run. */
export interface EventProviderContext {
  rule: { id: number | null; name: string };
  folded: FoldedEvents | null;
  test: boolean;
  runId: string;
  attempt: number;
}

export type EventProviderHandler = (event: SmtpEvent, ctx: EventProviderContext) => unknown | Promise<unknown>;

/** Letters, digits, `.`, `_`, `-`; starts with a letter or digit (it is shown and chosen in the admin). */
const PROVIDER_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/i;

export function createEventProviderRegistry() {
  const handlers = new Map<string, EventProviderHandler>();
  return {
    /** Registers (or replaces) the handler of a name; a bad name or a non-function throws at once, at the developer's call. */
    register(name: string, handler: EventProviderHandler): void {
      if (typeof name !== 'string' || !PROVIDER_NAME.test(name)) {
        throw new TypeError(`registerEventProvider: the name "${String(name)}" is not valid; use 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit`);
      }
      if (typeof handler !== 'function') throw new TypeError(`registerEventProvider("${name}"): the handler must be a function`);
      handlers.set(name, handler);
    },
    get: (name: string): EventProviderHandler | undefined => handlers.get(name),
    /** The registered names, sorted (for the rule editor and the error of an unknown name). */
    names: (): string[] => [...handlers.keys()].sort(),
  };
}

export type EventProviderRegistry = ReturnType<typeof createEventProviderRegistry>;
