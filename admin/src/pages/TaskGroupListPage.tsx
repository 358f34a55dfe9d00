/*
 * Settings > Email notifications > Task groups: the list of task groups with add, edit and delete
 * (with a confirmation). Server refusals become notifications carrying the server's message.
 */
import * as React from 'react';
import { Dialog, EmptyStateLayout, LinkButton } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { ConfirmDialog, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import { toApiProblem } from '../api/api-error';
import { useMailboxSummaries } from '../api/mailbox-queries';
import { useDeleteTaskGroup, useTaskGroups } from '../api/task-group-queries';
import type { TaskGroup } from '../api/task-group-types';
import { TaskGroupTable } from '../components/task-group-list/TaskGroupTable';
import { useMailboxPermissions } from '../hooks/use-mailbox-permissions';
import { useT } from '../utils/use-t';

export const TaskGroupListPage = () => {
  const t = useT();
  const groups = useTaskGroups();
  const mailboxes = useMailboxSummaries();
  // Task groups are guarded by the mailbox actions: mailboxes.update may change them.
  const { canUpdate, isLoading: isLoadingPermissions } = useMailboxPermissions();
  const remove = useDeleteTaskGroup();
  const { toggleNotification } = useNotification();
  const [toDelete, setToDelete] = React.useState<TaskGroup | null>(null);

  if (groups.isLoading || mailboxes.isLoading || isLoadingPermissions) return <Page.Loading />;
  // A failed refresh keeps the last list on screen; only a list never loaded is an error page.
  if (!groups.data || !mailboxes.data) return <Page.Error />;

  const confirmDelete = async () => {
    const group = toDelete!;
    setToDelete(null);
    try {
      await remove.mutateAsync(group.id);
      toggleNotification({ type: 'success', message: t('email-notifications.taskGroups.notification.deleted', { name: group.name }) });
    } catch (failure) {
      toggleNotification({ type: 'danger', message: toApiProblem(failure).message });
    }
  };

  const addButton = (variant: 'default' | 'secondary') =>
    canUpdate && (
      <LinkButton tag={NavLink} to="new" variant={variant} startIcon={<Plus />} size="S">
        {t('email-notifications.taskGroups.add')}
      </LinkButton>
    );

  return (
    <Page.Main>
      <Page.Title>{t('email-notifications.page.title', { name: t('email-notifications.taskGroups.title') })}</Page.Title>
      <Layouts.Header title={t('email-notifications.taskGroups.title')} subtitle={t('email-notifications.taskGroups.subtitle')} primaryAction={addButton('default')} />
      <Layouts.Content>
        {groups.data.length > 0 ? (
          <TaskGroupTable groups={groups.data} mailboxes={mailboxes.data} canUpdate={canUpdate} onDelete={setToDelete} />
        ) : (
          <EmptyStateLayout icon={<EmptyDocuments width="16rem" />} content={t('email-notifications.taskGroups.empty')} action={addButton('secondary')} />
        )}
      </Layouts.Content>
      <Dialog.Root open={toDelete !== null} onOpenChange={(open) => !open && setToDelete(null)}>
        <ConfirmDialog onConfirm={confirmDelete}>{toDelete ? t('email-notifications.taskGroups.deleteConfirm', { name: toDelete.name }) : ''}</ConfirmDialog>
      </Dialog.Root>
    </Page.Main>
  );
};
