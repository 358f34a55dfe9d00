/*
 * Route of the task group form: `new` for a new group, `:id` for a saved one. Loads the group and the
 * mailboxes it can name, and hands them to TaskGroupEditor; a fresh editor per id, so no state leaks.
 */
import { Page } from '@strapi/strapi/admin';
import { useParams } from 'react-router-dom';
import { useMailboxSummaries } from '../api/mailbox-queries';
import { useTaskGroup } from '../api/task-group-queries';
import { TaskGroupEditor } from '../components/task-group-form/TaskGroupEditor';
import { useMailboxPermissions } from '../hooks/use-mailbox-permissions';

export const TaskGroupEditPage = () => {
  const { id } = useParams<{ id: string }>();
  const group = useTaskGroup(id);
  const mailboxes = useMailboxSummaries();
  // Known before the form renders, so inputs never flash disabled while permissions load.
  // Task groups are guarded by the mailbox actions: mailboxes.update may change them.
  const { canUpdate, isLoading: isLoadingPermissions } = useMailboxPermissions();

  if (group.isLoading || mailboxes.isLoading || isLoadingPermissions) return <Page.Loading />;
  if ((id && !group.data) || !mailboxes.data) return <Page.Error />;
  return <TaskGroupEditor key={id ?? 'new'} group={group.data} mailboxes={mailboxes.data} canUpdate={canUpdate} />;
};
