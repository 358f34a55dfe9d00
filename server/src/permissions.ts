/*
 * The plugin's RBAC actions. Registered in bootstrap; each admin route names the one it needs.
 * Action ids become `plugin::email-notifications.<uid>`.
 */
export const ACTIONS = {
  mailboxesRead: 'plugin::email-notifications.mailboxes.read',
  mailboxesUpdate: 'plugin::email-notifications.mailboxes.update',
  mailboxesSend: 'plugin::email-notifications.mailboxes.send',
} as const;

export const ACTION_DEFINITIONS = [
  { uid: 'mailboxes.read', displayName: 'Read mailboxes', subCategory: 'mailboxes' },
  { uid: 'mailboxes.update', displayName: 'Create, edit and delete mailboxes', subCategory: 'mailboxes' },
  { uid: 'mailboxes.send', displayName: 'Check mailboxes and send test emails', subCategory: 'mailboxes' },
].map((action) => ({ section: 'plugins', pluginName: 'email-notifications', ...action }));
