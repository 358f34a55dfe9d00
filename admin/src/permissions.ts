/*
 * The RBAC actions the admin UI checks. They mirror server/src/permissions.ts; the server enforces
 * them on every route, the UI only hides what the admin may not do. useRBAC names its flags after the
 * last segment of an action (`...read` -> canRead), so never check two groups in one useRBAC call.
 */
import type { Permission } from '@strapi/strapi/admin';

const permission = (action: string) => [{ action, subject: null }] as Permission[];

/** Mailboxes (Settings > Email notifications > Mailboxes). */
export const PERMISSIONS = {
  read: permission('plugin::email-notifications.mailboxes.read'),
  update: permission('plugin::email-notifications.mailboxes.update'),
  send: permission('plugin::email-notifications.mailboxes.send'),
};

/** The Mail log page and the outbox health. */
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
