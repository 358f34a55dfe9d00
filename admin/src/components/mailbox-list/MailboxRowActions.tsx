/*
 * The icon buttons at the end of a mailbox row: Check, Send test email, Make default, Edit, Delete,
 * each shown only when the admin has the permission it needs and the action applies to the row.
 */
import { Flex, IconButton } from '@strapi/design-system';
import { PaperPlane, Pencil, Star, Stethoscope, Trash } from '@strapi/icons';
import { useNavigate } from 'react-router-dom';
import type { Mailbox } from '../../api/mailbox-types';
import { useT } from '../../utils/use-t';

export interface RowActionHandlers {
  onCheck: (mailbox: Mailbox) => void;
  onSendTest: (mailbox: Mailbox) => void;
  onMakeDefault: (mailbox: Mailbox) => void;
  onDelete: (mailbox: Mailbox) => void;
}

interface MailboxRowActionsProps extends RowActionHandlers {
  mailbox: Mailbox;
  canUpdate: boolean;
  canSend: boolean;
}

export const MailboxRowActions = ({ mailbox, canUpdate, canSend, onCheck, onSendTest, onMakeDefault, onDelete }: MailboxRowActionsProps) => {
  const t = useT();
  const navigate = useNavigate();
  const name = { name: mailbox.name };
  return (
    <Flex gap={1} justifyContent="flex-end">
      {canSend && (
        <IconButton label={t('email-notifications.list.action.check', name)} variant="ghost" onClick={() => onCheck(mailbox)}>
          <Stethoscope />
        </IconButton>
      )}
      {canSend && (
        <IconButton label={t('email-notifications.list.action.sendTest', name)} variant="ghost" onClick={() => onSendTest(mailbox)}>
          <PaperPlane />
        </IconButton>
      )}
      {canUpdate && !mailbox.isDefault && mailbox.direction === 'out' && (
        <IconButton label={t('email-notifications.list.action.makeDefault', name)} variant="ghost" onClick={() => onMakeDefault(mailbox)}>
          <Star />
        </IconButton>
      )}
      {canUpdate && (
        <IconButton label={t('email-notifications.list.action.edit', name)} variant="ghost" onClick={() => navigate(mailbox.id)}>
          <Pencil />
        </IconButton>
      )}
      {canUpdate && (
        <IconButton label={t('email-notifications.list.action.delete', name)} variant="ghost" onClick={() => onDelete(mailbox)}>
          <Trash />
        </IconButton>
      )}
    </Flex>
  );
};
