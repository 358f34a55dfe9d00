/*
 * The plugin's RBAC actions. Registered in bootstrap; each admin route names the one it needs.
 * Action ids become `plugin::email-notifications.<uid>`.
 */
export const ACTIONS = {
  mailboxesRead: 'plugin::email-notifications.mailboxes.read',
  mailboxesUpdate: 'plugin::email-notifications.mailboxes.update',
  mailboxesSend: 'plugin::email-notifications.mailboxes.send',
  messagesRead: 'plugin::email-notifications.messages.read',
  messagesUpdate: 'plugin::email-notifications.messages.update',
  settingsRead: 'plugin::email-notifications.settings.read',
  settingsUpdate: 'plugin::email-notifications.settings.update',
  rulesRead: 'plugin::email-notifications.rules.read',
  rulesUpdate: 'plugin::email-notifications.rules.update',
  templatesRead: 'plugin::email-notifications.templates.read',
  templatesUpdate: 'plugin::email-notifications.templates.update',
  eventsRead: 'plugin::email-notifications.events.read',
  eventsUpdate: 'plugin::email-notifications.events.update',
} as const;

export const ACTION_DEFINITIONS = [
  { uid: 'mailboxes.read', displayName: 'Read mailboxes', subCategory: 'mailboxes' },
  { uid: 'mailboxes.update', displayName: 'Create, edit and delete mailboxes', subCategory: 'mailboxes' },
  { uid: 'mailboxes.send', displayName: 'Check mailboxes and send test emails', subCategory: 'mailboxes' },
  { uid: 'messages.read', displayName: 'Read the mail log and outbox health', subCategory: 'mail log' },
  { uid: 'messages.update', displayName: 'Retry, cancel and delete messages', subCategory: 'mail log' },
  { uid: 'settings.read', displayName: 'Read email settings', subCategory: 'settings' },
  { uid: 'settings.update', displayName: 'Change email settings', subCategory: 'settings' },
  { uid: 'rules.read', displayName: 'Read notification rules and dry-run them', subCategory: 'rules' },
  { uid: 'rules.update', displayName: 'Create, edit, run and delete notification rules; release suppressed addresses', subCategory: 'rules' },
  { uid: 'templates.read', displayName: 'Read and preview email templates', subCategory: 'templates' },
  { uid: 'templates.update', displayName: 'Create, edit, import and delete email templates', subCategory: 'templates' },
  { uid: 'events.read', displayName: 'Read SMTP event rules and their action history', subCategory: 'smtp events' },
  { uid: 'events.update', displayName: 'Create, edit, test and delete SMTP event rules; make web-hook secrets', subCategory: 'smtp events' },
].map((action) => ({ section: 'plugins', pluginName: 'email-notifications', ...action }));
