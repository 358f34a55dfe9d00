/*
 * What the signed-in admin may do with notification rules, for showing or hiding buttons. The server
 * checks the same actions on every route, so this only shapes the UI.
 */
import { useRBAC } from '@strapi/strapi/admin';
import { RULE_PERMISSIONS } from '../permissions';

const CHECKED = [...RULE_PERMISSIONS.update];

export function useRulePermissions() {
  // useRBAC names each flag after the last segment of the action id: `...rules.update` -> canUpdate.
  const { allowedActions, isLoading } = useRBAC(CHECKED);
  return { canUpdate: !!allowedActions.canUpdate, isLoading };
}
