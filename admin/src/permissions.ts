/*
 * The RBAC actions the admin UI checks. They mirror server/src/permissions.ts; the server enforces
 * them on every route, the UI only hides what the admin may not do.
 */
import type { Permission } from '@strapi/strapi/admin';

const permission = (action: string) => [{ action, subject: null }] as Permission[];

export const PERMISSIONS = {
  read: permission('plugin::email-notifications.mailboxes.read'),
  update: permission('plugin::email-notifications.mailboxes.update'),
  send: permission('plugin::email-notifications.mailboxes.send'),
};
