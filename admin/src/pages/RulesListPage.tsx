/*
 * Settings > Email notifications > Rules: the list of notification rules with their trigger, last
 * fire and counts; switch a rule on or off, create, edit and delete (with a confirmation). Server
 * refusals become notifications carrying the server's message.
 */
import * as React from 'react';
import { Dialog, EmptyStateLayout, LinkButton } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { ConfirmDialog, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import { toApiProblem } from '../api/api-error';
import { useDeleteRule, useRules, useRulesMeta, useSetRuleEnabled } from '../api/rule-queries';
import type { Rule } from '../api/rule-types';
import { RuleTable } from '../components/rule-list/RuleTable';
import { useRulePermissions } from '../hooks/use-rule-permissions';
import { useT } from '../utils/use-t';

export const RulesListPage = () => {
  const t = useT();
  const rules = useRules();
  const meta = useRulesMeta();
  const { canUpdate, isLoading: isLoadingPermissions } = useRulePermissions();
  const remove = useDeleteRule();
  const setEnabled = useSetRuleEnabled();
  const { toggleNotification } = useNotification();
  const [toDelete, setToDelete] = React.useState<Rule | null>(null);

  if (rules.isLoading || isLoadingPermissions) return <Page.Loading />;
  // A failed refresh keeps the last list on screen; only a list never loaded is an error page.
  if (!rules.data) return <Page.Error />;

  const confirmDelete = async () => {
    const rule = toDelete!;
    setToDelete(null);
    try {
      await remove.mutateAsync(rule.id);
      toggleNotification({ type: 'success', message: t('email-notifications.rules.notification.deleted', { name: rule.name }) });
    } catch (failure) {
      toggleNotification({ type: 'danger', message: toApiProblem(failure).message });
    }
  };

  const toggle = async (rule: Rule, enabled: boolean) => {
    try {
      await setEnabled.mutateAsync({ rule, enabled });
      toggleNotification({
        type: 'success',
        message: t(enabled ? 'email-notifications.rules.notification.enabled' : 'email-notifications.rules.notification.disabled', { name: rule.name }),
      });
    } catch (failure) {
      toggleNotification({ type: 'danger', message: toApiProblem(failure).message });
    }
  };

  const addButton = (variant: 'default' | 'secondary') =>
    canUpdate && (
      <LinkButton tag={NavLink} to="new" variant={variant} startIcon={<Plus />} size="S">
        {t('email-notifications.rules.add')}
      </LinkButton>
    );

  return (
    <Page.Main>
      <Page.Title>{t('email-notifications.page.title', { name: t('email-notifications.rules.title') })}</Page.Title>
      <Layouts.Header title={t('email-notifications.rules.title')} subtitle={t('email-notifications.rules.subtitle')} primaryAction={addButton('default')} />
      <Layouts.Content>
        {rules.data.length > 0 ? (
          <RuleTable rules={rules.data} meta={meta.data} canUpdate={canUpdate} onToggle={toggle} onDelete={setToDelete} />
        ) : (
          <EmptyStateLayout icon={<EmptyDocuments width="16rem" />} content={t('email-notifications.rules.empty')} action={addButton('secondary')} />
        )}
      </Layouts.Content>
      <Dialog.Root open={toDelete !== null} onOpenChange={(open) => !open && setToDelete(null)}>
        <ConfirmDialog onConfirm={confirmDelete}>{toDelete ? t('email-notifications.rules.deleteConfirm', { name: toDelete.name }) : ''}</ConfirmDialog>
      </Dialog.Root>
    </Page.Main>
  );
};
