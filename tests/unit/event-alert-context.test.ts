/*
 * The alert template's variables from an action run: the event in words, the folded events with the
 * time of day of the first in the site's zone, and the values of an event without a message.
 */
import { alertContext } from '../../server/src/core/events/alert-context';
import type { ActionRun } from '../../server/src/core/events/event-types';
import type { RenderEnvironment } from '../../server/src/core/templates/template-context';

const env = (timezone: string): RenderEnvironment => ({ site: { name: 'Helpdesk', url: 'http://x', adminUrl: 'http://x/admin', portalUrl: 'http://x' }, timezone, locale: 'en-GB', now: new Date('2025-03-04T15:00:00Z') });

const run: ActionRun = {
  runId: 'run_1', attempt: 1, rule: { id: 1, name: 'Ops' }, actionIndex: 0, action: { type: 'profiles' },
  event: {
    id: 'e', type: 'final-delivery-failed', at: '2025-03-04T14:20:00.000Z', test: false,
    mailbox: { id: 1, name: 'Helpdesk', emailAddress: 'helpdesk@example.com' },
    server: { protocol: 'smtp', host: 'smtp.example.com', port: 587, ssl: true, requiresAuth: true },
    customerEmail: 'jane@customer.example', message: { id: 9, messageId: '<m9@x>', subject: 'Your ticket' },
    smtp: { code: 550, response: '550 no such user' }, explanation: null,
  },
  folded: { count: 499, firstAt: '2025-03-04T13:05:00.000Z', lastAt: '2025-03-04T14:19:00.000Z' },
};

it('describes the event and the folded events in the site time zone', () => {
  expect(alertContext(run, env('Europe/Berlin'))).toEqual({
    event: 'SMTP final delivery failed', type: 'final-delivery-failed', test: false,
    mailbox: 'Helpdesk', mailboxAddress: 'helpdesk@example.com', host: 'smtp.example.com', port: 587, ssl: true, requiresAuth: true,
    customerEmail: 'jane@customer.example', subject: 'Your ticket', messageId: '<m9@x>', code: 550, response: '550 no such user',
    // Without the Check's explanation, the server's answer explains it.
    error: '550 no such user',
    at: '4 Mar 2025, 15:20', count: 500,
    folded: { count: 499, since: '14:05', first: '4 Mar 2025, 14:05', last: '4 Mar 2025, 15:19' },
  });
});

it('fills an event without message or folded events with empty values', () => {
  const context = alertContext({ ...run, folded: null, event: { ...run.event, test: true, message: null, customerEmail: null, mailbox: { id: null, name: null, emailAddress: null } } }, env('UTC'));
  expect(context).toMatchObject({ test: true, mailbox: '(no mailbox)', subject: '', customerEmail: '', count: 1, folded: { count: 0, since: '', first: '', last: '' } });
});
