/*
 * What the signed-in admin may do on the Mail log and Options pages, for showing or hiding controls.
 * The server checks the same actions on every route, so this only shapes the UI.
 */
import { useRBAC } from '@strapi/strapi/admin';
import { MESSAGE_PERMISSIONS, PERMISSIONS, SETTINGS_PERMISSIONS } from '../permissions';

// Distinct last segments in one call: `messages.update` -> canUpdate, `mailboxes.read` -> canRead.
const MAIL_LOG_CHECKED = [...MESSAGE_PERMISSIONS.update, ...PERMISSIONS.read];

export function useMailLogPermissions() {
  const { allowedActions, isLoading } = useRBAC(MAIL_LOG_CHECKED);
  return { canUpdate: !!allowedActions.canUpdate, canReadMailboxes: !!allowedActions.canRead, isLoading };
}

export function useSettingsPermissions() {
  const { allowedActions, isLoading } = useRBAC(SETTINGS_PERMISSIONS.update);
  return { canUpdate: !!allowedActions.canUpdate, isLoading };
}
