/*
 * Admin routes, served at /email-notifications/... and requiring an admin JWT plus the named RBAC action.
 */
import { ACTIONS } from '../permissions';

const guard = (action: string) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }],
});

export default {
  type: 'admin' as const,
  routes: [
    { method: 'GET', path: '/mailboxes', handler: 'mailboxes.find', config: guard(ACTIONS.mailboxesRead) },
    { method: 'GET', path: '/mailboxes/:id', handler: 'mailboxes.findOne', config: guard(ACTIONS.mailboxesRead) },
    { method: 'POST', path: '/mailboxes', handler: 'mailboxes.create', config: guard(ACTIONS.mailboxesUpdate) },
    { method: 'PUT', path: '/mailboxes/:id', handler: 'mailboxes.update', config: guard(ACTIONS.mailboxesUpdate) },
    { method: 'DELETE', path: '/mailboxes/:id', handler: 'mailboxes.delete', config: guard(ACTIONS.mailboxesUpdate) },
    { method: 'POST', path: '/mailboxes/verify', handler: 'mailboxes.verifyUnsaved', config: guard(ACTIONS.mailboxesSend) },
    { method: 'POST', path: '/mailboxes/:id/verify', handler: 'mailboxes.verify', config: guard(ACTIONS.mailboxesSend) },
    { method: 'POST', path: '/test-email', handler: 'mailboxes.testEmail', config: guard(ACTIONS.mailboxesSend) },
    { method: 'GET', path: '/task-groups', handler: 'taskGroups.find', config: guard(ACTIONS.mailboxesRead) },
    { method: 'GET', path: '/task-groups/:id', handler: 'taskGroups.findOne', config: guard(ACTIONS.mailboxesRead) },
    { method: 'POST', path: '/task-groups', handler: 'taskGroups.create', config: guard(ACTIONS.mailboxesUpdate) },
    { method: 'PUT', path: '/task-groups/:id', handler: 'taskGroups.update', config: guard(ACTIONS.mailboxesUpdate) },
    { method: 'DELETE', path: '/task-groups/:id', handler: 'taskGroups.delete', config: guard(ACTIONS.mailboxesUpdate) },
    { method: 'GET', path: '/messages', handler: 'messages.find', config: guard(ACTIONS.messagesRead) },
    { method: 'GET', path: '/messages/:id', handler: 'messages.findOne', config: guard(ACTIONS.messagesRead) },
    { method: 'POST', path: '/messages/:id/retry', handler: 'messages.retry', config: guard(ACTIONS.messagesUpdate) },
    { method: 'POST', path: '/messages/:id/cancel', handler: 'messages.cancel', config: guard(ACTIONS.messagesUpdate) },
    { method: 'DELETE', path: '/messages/:id', handler: 'messages.delete', config: guard(ACTIONS.messagesUpdate) },
    { method: 'GET', path: '/outbox/health', handler: 'messages.health', config: guard(ACTIONS.messagesRead) },
    { method: 'GET', path: '/settings', handler: 'settings.get', config: guard(ACTIONS.settingsRead) },
    { method: 'PUT', path: '/settings', handler: 'settings.update', config: guard(ACTIONS.settingsUpdate) },
  ],
};
