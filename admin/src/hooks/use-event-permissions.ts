/*
 * What the signed-in admin may do with SMTP event rules, for showing or hiding buttons and locking
 * inputs. The server checks the same actions on every route, so this only shapes the UI.
 */
import { useRBAC } from '@strapi/strapi/admin';
import { EVENT_PERMISSIONS } from '../permissions';

const CHECKED = [...EVENT_PERMISSIONS.update];

export function useEventPermissions() {
  // useRBAC names each flag after the last segment of the action id: `...events.update` -> canUpdate.
  const { allowedActions, isLoading } = useRBAC(CHECKED);
  return { canUpdate: !!allowedActions.canUpdate, isLoading };
}
