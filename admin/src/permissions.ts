/*
 * The RBAC actions the admin UI checks, one definition per action id. They mirror server/src/permissions.ts,
 * which the server enforces on every route; the UI only hides what the admin may not do. useRBAC names its
 * flags after an action's last segment (`...read` -> canRead): one call never checks two that end alike.
 */
import type { Permission } from '@strapi/strapi/admin';

const permission = (action: string) => [{ action, subject: null }] as Permission[];

/** Mailboxes (Settings > Email notifications > Mailboxes). */
export const MAILBOX_PERMISSIONS = {
  read: permission('plugin::email-notifications.mailboxes.read'),
  update: permission('plugin::email-notifications.mailboxes.update'),
  send: permission('plugin::email-notifications.mailboxes.send'),
};

/**
 * Task groups (Settings > Email notifications > Task groups): they route mail between mailboxes, so the
 * server guards them with the mailbox actions. The same actions, under the area's name.
 */
export const TASK_GROUP_PERMISSIONS = MAILBOX_PERMISSIONS;

/** The Mail log page (the messages resource) and the outbox health. */
export const MESSAGE_PERMISSIONS = {
  read: permission('plugin::email-notifications.messages.read'),
  update: permission('plugin::email-notifications.messages.update'),
};

/** Settings > Email notifications > Options. */
export const SETTINGS_PERMISSIONS = {
  read: permission('plugin::email-notifications.settings.read'),
  update: permission('plugin::email-notifications.settings.update'),
};

/** Settings > Email notifications > Templates. */
export const TEMPLATE_PERMISSIONS = {
  read: permission('plugin::email-notifications.templates.read'),
  update: permission('plugin::email-notifications.templates.update'),
};

/** Settings > Email notifications > Rules (and the suppression list). "My notifications" needs none. */
export const RULE_PERMISSIONS = {
  read: permission('plugin::email-notifications.rules.read'),
  update: permission('plugin::email-notifications.rules.update'),
};

/** Settings > Email notifications > SMTP events (event rules, their tests and history). */
export const EVENT_PERMISSIONS = {
  read: permission('plugin::email-notifications.events.read'),
  update: permission('plugin::email-notifications.events.update'),
};
