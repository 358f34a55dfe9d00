/*
 * Route of the mailbox form: `new` for a new mailbox, `:id` for a saved one. Loads the mailbox and
 * hands it to MailboxEditor; a fresh editor per id, so no state leaks between mailboxes.
 */
import { Page } from '@strapi/strapi/admin';
import { useParams } from 'react-router-dom';
import { useMailbox } from '../api/mailbox-queries';
import { MailboxEditor } from '../components/mailbox-form/MailboxEditor';
import { useMailboxPermissions } from '../hooks/use-mailbox-permissions';

export const MailboxEditPage = () => {
  const { id } = useParams<{ id: string }>();
  const { data: mailbox, isLoading, error } = useMailbox(id);
  // Known before the form renders, so inputs never flash disabled while permissions load.
  const { canUpdate, canSend, isLoading: isLoadingPermissions } = useMailboxPermissions();

  if (isLoading || isLoadingPermissions) return <Page.Loading />;
  if (id && (error || !mailbox)) return <Page.Error />;
  return <MailboxEditor key={id ?? 'new'} mailbox={mailbox} canUpdate={canUpdate} canSend={canSend} />;
};
