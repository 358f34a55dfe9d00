/*
 * The buttons of a message's detail page: Retry (failed or cancelled, body kept), Cancel (queued) and Delete
 * (after a confirmation; not while it is being sent). Shown only to admins who may update messages.
 * A refusal (409: the message changed meanwhile, its body was purged...) is a notification with its reason.
 */
import * as React from 'react';
import { Button, Dialog, Flex } from '@strapi/design-system';
import { ArrowClockwise, Cross, Trash } from '@strapi/icons';
import { ConfirmDialog, useHistory, useNotification } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import { refusalReason, toApiProblem } from '../../api/api-error';
import type { MessageDetail } from '../../api/message-types';
import { useMessageAction, type MessageAction } from '../../api/message-queries';
import { useT, type MessageId } from '../../utils/use-t';

const DONE: Record<MessageAction, MessageId> = {
  retry: 'email-notifications.message.notification.retried',
  cancel: 'email-notifications.message.notification.cancelled',
  delete: 'email-notifications.message.notification.deleted',
};

export const MessageActions = ({ message }: { message: MessageDetail }) => {
  const t = useT();
  const navigate = useNavigate();
  const canGoBack = useHistory('MessageActions', (state) => state.canGoBack);
  const goBack = useHistory('MessageActions', (state) => state.goBack);
  const { toggleNotification } = useNotification();
  const { mutateAsync, isLoading, variables } = useMessageAction();
  const [confirmDelete, setConfirmDelete] = React.useState(false);

  const run = async (action: MessageAction) => {
    try {
      await mutateAsync({ id: message.id, action });
      toggleNotification({ type: 'success', message: t(DONE[action]) });
      // A deleted message has no page any more: back to the list it was opened from.
      if (action === 'delete') {
        if (canGoBack) goBack();
        else navigate('..', { relative: 'path' });
      }
    } catch (error) {
      // No form to mark a field on: the reason the server gave for the one problem it names.
      toggleNotification({ type: 'danger', message: refusalReason(toApiProblem(error)) });
    }
  };
  const busy = (action: MessageAction) => isLoading && variables?.action === action;

  return (
    <Flex gap={2}>
      {(message.status === 'failed' || message.status === 'cancelled') && !message.bodyPurgedAt && (
        <Button startIcon={<ArrowClockwise />} onClick={() => run('retry')} loading={busy('retry')} disabled={isLoading}>
          {t('email-notifications.message.action.retry')}
        </Button>
      )}
      {message.status === 'queued' && (
        <Button variant="secondary" startIcon={<Cross />} onClick={() => run('cancel')} loading={busy('cancel')} disabled={isLoading}>
          {t('email-notifications.message.action.cancel')}
        </Button>
      )}
      {message.status !== 'sending' && (
        <Button variant="danger-light" startIcon={<Trash />} onClick={() => setConfirmDelete(true)} loading={busy('delete')} disabled={isLoading}>
          {t('email-notifications.message.action.delete')}
        </Button>
      )}
      <Dialog.Root open={confirmDelete} onOpenChange={setConfirmDelete}>
        <ConfirmDialog
          onConfirm={() => {
            setConfirmDelete(false);
            return run('delete');
          }}
        >
          {t('email-notifications.message.deleteConfirm', { subject: message.subject })}
        </ConfirmDialog>
      </Dialog.Root>
    </Flex>
  );
};
