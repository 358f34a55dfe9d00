/*
 * What the signed-in admin may do with templates, for showing or hiding controls. A useRBAC call of
 * its own: flags are named after the last segment of each action, so `templates.update` would
 * collide with the mailbox or settings `update`. The server checks the same actions on every route.
 */
import { useRBAC } from '@strapi/strapi/admin';
import { TEMPLATE_PERMISSIONS } from '../permissions';

export function useTemplatePermissions() {
  const { allowedActions, isLoading } = useRBAC(TEMPLATE_PERMISSIONS.update);
  return { canUpdate: !!allowedActions.canUpdate, isLoading };
}
