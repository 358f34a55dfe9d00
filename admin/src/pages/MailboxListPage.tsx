/*
 * Settings > Email notifications > Mailboxes: the list of mailboxes with add, edit, delete, make
 * default, Check and Send test email. Server refusals (e.g. deleting the configured mailbox) become
 * notifications carrying the server's message.
 */
import * as React from 'react';
import { Dialog, EmptyStateLayout, LinkButton } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { ConfirmDialog, Layouts, Page, useAuth, useNotification } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import { toApiProblem } from '../api/api-error';
import { useMailboxActions, useMailboxList } from '../api/mailbox-queries';
import type { Mailbox } from '../api/mailbox-types';
import { MailboxTable } from '../components/mailbox-list/MailboxTable';
import { ProbeDialogs } from '../components/probe/ProbeDialogs';
import { useMailboxPermissions } from '../hooks/use-mailbox-permissions';
import { useMailboxProbe } from '../hooks/use-mailbox-probe';
import { useT } from '../utils/use-t';

export const MailboxListPage = () => {
  const t = useT();
  const { data: mailboxes, isLoading, reload } = useMailboxList();
  const { canUpdate, canSend, isLoading: isLoadingPermissions } = useMailboxPermissions();
  const actions = useMailboxActions();
  const probe = useMailboxProbe();
  const { toggleNotification } = useNotification();
  const adminEmail = useAuth('MailboxListPage', (state) => state.user?.email) ?? '';
  const [toDelete, setToDelete] = React.useState<Mailbox | null>(null);

  const run = async (action: () => Promise<unknown>, success: string) => {
    try {
      await action();
      toggleNotification({ type: 'success', message: success });
    } catch (failure) {
      toggleNotification({ type: 'danger', message: toApiProblem(failure).message });
    }
    await reload();
  };

  if (isLoading || isLoadingPermissions) return <Page.Loading />;
  // A failed refresh keeps the last list on screen; only a list never loaded is an error page.
  if (!mailboxes) return <Page.Error />;

  const addButton = (variant: 'default' | 'secondary') =>
    canUpdate && (
      <LinkButton tag={NavLink} to="new" variant={variant} startIcon={<Plus />} size="S">
        {t('email-notifications.list.add')}
      </LinkButton>
    );

  return (
    <Page.Main>
      <Page.Title>{t('email-notifications.page.title', { name: t('email-notifications.list.title') })}</Page.Title>
      <Layouts.Header
        title={t('email-notifications.list.title')}
        subtitle={t('email-notifications.list.subtitle')}
        primaryAction={addButton('default')}
      />
      <Layouts.Content>
        {mailboxes.length > 0 ? (
          <MailboxTable
            mailboxes={mailboxes}
            canUpdate={canUpdate}
            canSend={canSend}
            onCheck={(mailbox) => probe.check({ mailboxId: mailbox.id, mailboxName: mailbox.name })}
            onSendTest={(mailbox) => probe.askRecipient({ mailboxId: mailbox.id, mailboxName: mailbox.name }, adminEmail)}
            onMakeDefault={(mailbox) =>
              run(() => actions.update(mailbox.id, { isDefault: true }), t('email-notifications.notification.madeDefault', { name: mailbox.name }))
            }
            onDelete={setToDelete}
          />
        ) : (
          <EmptyStateLayout icon={<EmptyDocuments width="16rem" />} content={t('email-notifications.list.empty')} action={addButton('secondary')} />
        )}
      </Layouts.Content>
      <Dialog.Root open={toDelete !== null} onOpenChange={(open) => !open && setToDelete(null)}>
        <ConfirmDialog
          onConfirm={() => {
            const mailbox = toDelete!;
            setToDelete(null);
            return run(() => actions.remove(mailbox.id), t('email-notifications.notification.deleted', { name: mailbox.name }));
          }}
        >
          {toDelete ? t('email-notifications.list.deleteConfirm', { name: toDelete.name }) : ''}
        </ConfirmDialog>
      </Dialog.Root>
      <ProbeDialogs probe={probe} />
    </Page.Main>
  );
};
