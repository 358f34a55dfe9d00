/*
 * Route of the rule form: `new` for a new rule, `:id` for a saved one. Loads the rule and the rules
 * meta (content types, resolvers); templates, task groups, mailboxes and roles are offered when the admin may read
 * them, typed otherwise. A fresh editor per id, so no state leaks between rules.
 */
import { Page } from '@strapi/strapi/admin';
import { useParams } from 'react-router-dom';
import { useMailboxChoices } from '../api/mailbox-queries';
import { useAdminRoles, useRule, useRulesMeta } from '../api/rule-queries';
import { useTaskGroupChoices } from '../api/task-group-queries';
import { useTemplateChoices } from '../api/template-queries';
import { RuleEditor } from '../components/rule-form/RuleEditor';
import { useRulePermissions } from '../hooks/use-rule-permissions';

export const RulesEditPage = () => {
  const { id } = useParams<{ id: string }>();
  const rule = useRule(id);
  const meta = useRulesMeta();
  const templates = useTemplateChoices();
  const taskGroups = useTaskGroupChoices();
  const roles = useAdminRoles();
  const mailboxes = useMailboxChoices();
  // Known before the form renders, so inputs never flash disabled while permissions load.
  const { canUpdate, isLoading: isLoadingPermissions } = useRulePermissions();
  // Optional lists: wait for an answer (data or refusal), so a select never turns into a text input.
  const optionalLoading = [templates, taskGroups, mailboxes, roles].some((query) => query.isLoading);

  if (rule.isLoading || meta.isLoading || isLoadingPermissions || optionalLoading) return <Page.Loading />;
  if ((id && !rule.data) || !meta.data) return <Page.Error />;
  return (
    <RuleEditor
      key={id ?? 'new'}
      rule={rule.data}
      meta={meta.data}
      templates={templates.data ?? null}
      taskGroups={taskGroups.data?.map((group) => group.name) ?? null}
      mailboxes={mailboxes.data ?? null}
      roles={roles.data ?? null}
      canUpdate={canUpdate}
    />
  );
};
