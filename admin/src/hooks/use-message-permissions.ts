/*
 * What the signed-in admin may do on the Mail log (the messages resource), for showing or hiding
 * controls: retry, cancel and delete messages, and filter by mailbox when mailboxes may be read. The
 * server checks the same actions on every route, so this only shapes the UI.
 */
import { useRBAC } from '@strapi/strapi/admin';
import { MAILBOX_PERMISSIONS, MESSAGE_PERMISSIONS } from '../permissions';

// Distinct last segments in one call: `messages.update` -> canUpdate, `mailboxes.read` -> canRead.
const CHECKED = [...MESSAGE_PERMISSIONS.update, ...MAILBOX_PERMISSIONS.read];

export function useMessagePermissions() {
  const { allowedActions, isLoading } = useRBAC(CHECKED);
  return { canUpdate: !!allowedActions.canUpdate, canReadMailboxes: !!allowedActions.canRead, isLoading };
}
