/*
 * The external provider action with real registered handlers: the handler gets the event and the run's
 * context, a throwing one is a retryable failure with its message, an unknown name lists the
 * registered ones, and the registry refuses bad names.
 */
import type { ActionRun, SmtpEvent } from '../../server/src/core/events/event-types';
import { createEventProviderRegistry, type EventProviderContext } from '../../server/src/events/actions/event-providers';
import { createProviderAction } from '../../server/src/events/actions/provider-action';

const event: SmtpEvent = {
  id: 'evt_3', type: 'pop-login-failed', at: '2025-03-04T14:05:00.000Z', test: false,
  mailbox: { id: 5, name: 'Inbound', emailAddress: 'support@example.com' },
  server: { protocol: 'pop3', host: 'pop.example.com', port: 995, ssl: true, requiresAuth: true },
  customerEmail: null, message: null, smtp: { code: null, response: '-ERR authentication failed' },
  explanation: 'The server refused the user name or password.',
};

const run = (name: string): ActionRun => ({
  runId: 'run_p1', attempt: 3, rule: { id: null, name: 'Page on POP failures' }, actionIndex: 2,
  action: { type: 'provider', name }, event, folded: null,
});

describe('external provider action', () => {
  it('calls the registered handler with the event and the run context', async () => {
    const providers = createEventProviderRegistry();
    const calls: [SmtpEvent, EventProviderContext][] = [];
    providers.register('pagerduty', async (e, ctx) => {
      calls.push([e, ctx]);
    });
    expect(await createProviderAction(providers)(run('pagerduty'))).toEqual({ ok: true, detail: 'provider "pagerduty" handled the event' });
    expect(calls).toEqual([[event, { rule: { id: null, name: 'Page on POP failures' }, folded: null, test: false, runId: 'run_p1', attempt: 3 }]]);
  });

  it('answers a throwing handler as retryable with its message', async () => {
    const providers = createEventProviderRegistry();
    providers.register('pagerduty', () => {
      throw new Error('PagerDuty answered 503');
    });
    providers.register('rejecting', () => Promise.reject(new Error('quota exceeded')));
    const action = createProviderAction(providers);
    expect(await action(run('pagerduty'))).toEqual({ ok: false, retryable: true, error: 'provider "pagerduty" failed: PagerDuty answered 503' });
    expect(await action(run('rejecting'))).toEqual({ ok: false, retryable: true, error: 'provider "rejecting" failed: quota exceeded' });
  });

  it('answers an unknown name as not retryable, listing the registered names', async () => {
    const providers = createEventProviderRegistry();
    const action = createProviderAction(providers);
    expect(await action(run('opsgenie'))).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('no provider is registered') });
    providers.register('slack', () => undefined);
    providers.register('pagerduty', () => undefined);
    expect(await action(run('opsgenie'))).toEqual({
      ok: false, retryable: false,
      error: 'no event provider named "opsgenie" is registered (the registered providers are: pagerduty, slack); register it with notifications.registerEventProvider("opsgenie", handler)',
    });
  });

  it('refuses a bad name or a handler that is not a function when registering', () => {
    const providers = createEventProviderRegistry();
    expect(() => providers.register('', () => undefined)).toThrow(/is not valid/);
    expect(() => providers.register('has space', () => undefined)).toThrow(/is not valid/);
    expect(() => providers.register('x'.repeat(101), () => undefined)).toThrow(/is not valid/);
    expect(() => providers.register('ok-name', 'nope' as never)).toThrow(/must be a function/);
    expect(providers.names()).toEqual([]);
  });
});
