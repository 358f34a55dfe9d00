/*
 * Settings > Email notifications > SMTP events: the event rules with their event type, actions, last
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
import { useDeleteEventRule, useEventRules, useSetEventRuleEnabled } from '../api/event-rule-queries';
import type { EventRule } from '../api/event-rule-types';
import { EventRuleTable } from '../components/event-rule-list/EventRuleTable';
import { useEventPermissions } from '../hooks/use-event-permissions';
import { useT } from '../utils/use-t';

export const SmtpEventsListPage = () => {
  const t = useT();
  const rules = useEventRules();
  const { canUpdate, isLoading: isLoadingPermissions } = useEventPermissions();
  const remove = useDeleteEventRule();
  const setEnabled = useSetEventRuleEnabled();
  const { toggleNotification } = useNotification();
  const [toDelete, setToDelete] = React.useState<EventRule | null>(null);

  if (rules.isLoading || isLoadingPermissions) return <Page.Loading />;
  // A failed refresh keeps the last list on screen; only a list never loaded is an error page.
  if (!rules.data) return <Page.Error />;

  const confirmDelete = async () => {
    const rule = toDelete!;
    setToDelete(null);
    try {
      await remove.mutateAsync(rule.id);
      toggleNotification({ type: 'success', message: t('email-notifications.events.notification.deleted', { name: rule.name }) });
    } catch (failure) {
      toggleNotification({ type: 'danger', message: toApiProblem(failure).message });
    }
  };

  const toggle = async (rule: EventRule, enabled: boolean) => {
    try {
      await setEnabled.mutateAsync({ rule, enabled });
      toggleNotification({
        type: 'success',
        message: t(enabled ? 'email-notifications.events.notification.enabled' : 'email-notifications.events.notification.disabled', { name: rule.name }),
      });
    } catch (failure) {
      toggleNotification({ type: 'danger', message: toApiProblem(failure).message });
    }
  };

  const addButton = (variant: 'default' | 'secondary') =>
    canUpdate && (
      <LinkButton tag={NavLink} to="new" variant={variant} startIcon={<Plus />} size="S">
        {t('email-notifications.events.add')}
      </LinkButton>
    );

  return (
    <Page.Main>
      <Page.Title>{t('email-notifications.page.title', { name: t('email-notifications.events.title') })}</Page.Title>
      <Layouts.Header title={t('email-notifications.events.title')} subtitle={t('email-notifications.events.subtitle')} primaryAction={addButton('default')} />
      <Layouts.Content>
        {rules.data.length > 0 ? (
          <EventRuleTable rules={rules.data} canUpdate={canUpdate} onToggle={toggle} onDelete={setToDelete} />
        ) : (
          <EmptyStateLayout icon={<EmptyDocuments width="16rem" />} content={t('email-notifications.events.empty')} action={addButton('secondary')} />
        )}
      </Layouts.Content>
      <Dialog.Root open={toDelete !== null} onOpenChange={(open) => !open && setToDelete(null)}>
        <ConfirmDialog onConfirm={confirmDelete}>{toDelete ? t('email-notifications.events.deleteConfirm', { name: toDelete.name }) : ''}</ConfirmDialog>
      </Dialog.Root>
    </Page.Main>
  );
};
