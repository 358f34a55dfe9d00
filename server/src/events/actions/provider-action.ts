/*
 * The external provider action: calls the handler a developer registered under the rule's provider
 * name with the event and the run's context. A throw is a failure worth retrying (with its message);
 * an unknown name is not (it names the registered ones). The handler's result is not interpreted.
 */
import type { ActionOutcome, ActionRun } from '../../core/events/event-types';
import type { EventProviderRegistry } from './event-providers';

export function createProviderAction(providers: Pick<EventProviderRegistry, 'get' | 'names'>) {
  return async function runProvider(run: ActionRun): Promise<ActionOutcome> {
    if (run.action.type !== 'provider') return { ok: false, retryable: false, error: `a ${run.action.type} action was handed to the provider handler` };
    const { name } = run.action;
    const handler = providers.get(name);
    if (!handler) {
      const names = providers.names();
      const known = names.length ? `the registered providers are: ${names.join(', ')}` : 'no provider is registered';
      return { ok: false, retryable: false, error: `no event provider named "${name}" is registered (${known}); register it with notifications.registerEventProvider("${name}", handler)` };
    }
    try {
      await handler(run.event, { rule: run.rule, folded: run.folded, test: run.event.test, runId: run.runId, attempt: run.attempt });
      return { ok: true, detail: `provider "${name}" handled the event` };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, retryable: true, error: `provider "${name}" failed: ${message || 'it threw without a message'}` };
    }
  };
}
