/*
 * What the signed-in admin may do with mailboxes, for showing or hiding buttons. The server checks the
 * same actions on every route, so this only shapes the UI.
 */
import { useRBAC } from '@strapi/strapi/admin';
import { MAILBOX_PERMISSIONS } from '../permissions';

const CHECKED = [...MAILBOX_PERMISSIONS.update, ...MAILBOX_PERMISSIONS.send];

export function useMailboxPermissions() {
  // useRBAC names each flag after the last segment of the action id: `...mailboxes.update` -> canUpdate.
  const { allowedActions, isLoading } = useRBAC(CHECKED);
  return { canUpdate: !!allowedActions.canUpdate, canSend: !!allowedActions.canSend, isLoading };
}
