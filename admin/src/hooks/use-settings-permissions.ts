/*
 * What the signed-in admin may do on the Options page (the settings resource), for showing or hiding
 * controls. The server checks the same action on every route, so this only shapes the UI.
 */
import { useRBAC } from '@strapi/strapi/admin';
import { SETTINGS_PERMISSIONS } from '../permissions';

export function useSettingsPermissions() {
  const { allowedActions, isLoading } = useRBAC(SETTINGS_PERMISSIONS.update);
  return { canUpdate: !!allowedActions.canUpdate, isLoading };
}
