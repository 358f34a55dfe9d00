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
    { method: 'GET', path: '/rules', handler: 'rules.find', config: guard(ACTIONS.rulesRead) },
    { method: 'GET', path: '/rules/meta', handler: 'rules.meta', config: guard(ACTIONS.rulesRead) },
    { method: 'GET', path: '/rules/:id', handler: 'rules.findOne', config: guard(ACTIONS.rulesRead) },
    { method: 'POST', path: '/rules', handler: 'rules.create', config: guard(ACTIONS.rulesUpdate) },
    { method: 'PUT', path: '/rules/:id', handler: 'rules.update', config: guard(ACTIONS.rulesUpdate) },
    { method: 'DELETE', path: '/rules/:id', handler: 'rules.delete', config: guard(ACTIONS.rulesUpdate) },
    { method: 'POST', path: '/rules/:id/dry-run', handler: 'rules.dryRun', config: guard(ACTIONS.rulesRead) },
    { method: 'POST', path: '/rules/:id/run', handler: 'rules.runNow', config: guard(ACTIONS.rulesUpdate) },
    { method: 'GET', path: '/suppressions', handler: 'suppressions.find', config: guard(ACTIONS.rulesRead) },
    { method: 'DELETE', path: '/suppressions/:address', handler: 'suppressions.release', config: guard(ACTIONS.rulesUpdate) },
    // Every admin manages their own notification profile: being signed in is the permission.
    { method: 'GET', path: '/profile', handler: 'profiles.findMine', config: { policies: ['admin::isAuthenticatedAdmin'] } },
    { method: 'PUT', path: '/profile', handler: 'profiles.updateMine', config: { policies: ['admin::isAuthenticatedAdmin'] } },
    { method: 'GET', path: '/templates', handler: 'templates.find', config: guard(ACTIONS.templatesRead) },
    { method: 'GET', path: '/templates/variables', handler: 'templates.variables', config: guard(ACTIONS.templatesRead) },
    { method: 'GET', path: '/templates/export', handler: 'templates.exportAll', config: guard(ACTIONS.templatesRead) },
    { method: 'POST', path: '/templates/preview', handler: 'templates.preview', config: guard(ACTIONS.templatesRead) },
    { method: 'POST', path: '/templates/import', handler: 'templates.importFiles', config: guard(ACTIONS.templatesUpdate) },
    { method: 'GET', path: '/templates/:id', handler: 'templates.findOne', config: guard(ACTIONS.templatesRead) },
    { method: 'POST', path: '/templates', handler: 'templates.create', config: guard(ACTIONS.templatesUpdate) },
    { method: 'PUT', path: '/templates/:id', handler: 'templates.update', config: guard(ACTIONS.templatesUpdate) },
    { method: 'DELETE', path: '/templates/:id', handler: 'templates.delete', config: guard(ACTIONS.templatesUpdate) },
    { method: 'GET', path: '/templates/:id/versions', handler: 'templates.versions', config: guard(ACTIONS.templatesRead) },
    { method: 'GET', path: '/templates/:id/versions/:version/diff', handler: 'templates.diff', config: guard(ACTIONS.templatesRead) },
    { method: 'POST', path: '/templates/:id/versions/:version/restore', handler: 'templates.restoreVersion', config: guard(ACTIONS.templatesUpdate) },
    { method: 'POST', path: '/templates/:id/restore-default', handler: 'templates.restoreDefault', config: guard(ACTIONS.templatesUpdate) },
    { method: 'GET', path: '/templates/:id/export', handler: 'templates.exportOne', config: guard(ACTIONS.templatesRead) },
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
    { method: 'GET', path: '/stats', handler: 'messages.stats', config: guard(ACTIONS.messagesRead) },
    { method: 'GET', path: '/settings', handler: 'settings.get', config: guard(ACTIONS.settingsRead) },
    { method: 'PUT', path: '/settings', handler: 'settings.update', config: guard(ACTIONS.settingsUpdate) },
  ],
};
