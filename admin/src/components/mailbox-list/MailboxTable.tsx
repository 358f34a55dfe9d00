/*
 * The table of mailboxes: name with its badges (default, from config, incoming), sender, server,
 * security, status and the row actions. Presentational: every action is a callback of the page.
 */
import { Badge, Flex, Status, Table, Tbody, Td, Th, Thead, Tr, Typography, VisuallyHidden } from '@strapi/design-system';
import { useNavigate } from 'react-router-dom';
import type { Mailbox } from '../../api/types';
import { useT, type MessageId } from '../../utils/use-t';
import { MailboxRowActions, type RowActionHandlers } from './MailboxRowActions';

const SECURITY_LABELS: Record<Mailbox['security'], MessageId> = {
  none: 'email-notifications.security.short.none',
  ssl: 'email-notifications.security.short.ssl',
  starttls: 'email-notifications.security.short.starttls',
};

interface MailboxTableProps extends RowActionHandlers {
  mailboxes: Mailbox[];
  canUpdate: boolean;
  canSend: boolean;
}

export const MailboxTable = ({ mailboxes, canUpdate, canSend, ...handlers }: MailboxTableProps) => {
  const t = useT();
  const navigate = useNavigate();
  const heading = (id: MessageId) => (
    <Th>
      <Typography variant="sigma" textColor="neutral600">
        {t(id)}
      </Typography>
    </Th>
  );

  return (
    <Table colCount={6} rowCount={mailboxes.length + 1}>
      <Thead>
        <Tr>
          {heading('email-notifications.list.column.name')}
          {heading('email-notifications.list.column.fromAddress')}
          {heading('email-notifications.list.column.server')}
          {heading('email-notifications.list.column.security')}
          {heading('email-notifications.list.column.status')}
          <Th>
            <VisuallyHidden>{t('email-notifications.list.column.actions')}</VisuallyHidden>
          </Th>
        </Tr>
      </Thead>
      <Tbody>
        {mailboxes.map((mailbox) => (
          <Tr key={mailbox.id} onClick={() => navigate(mailbox.id)} style={{ cursor: 'pointer' }}>
            <Td>
              <Flex gap={2} wrap="wrap">
                <Typography fontWeight="semiBold" textColor="neutral800">
                  {mailbox.name}
                </Typography>
                {mailbox.isDefault && <Badge variant="success">{t('email-notifications.badge.default')}</Badge>}
                {mailbox.source === 'config' && <Badge variant="secondary">{t('email-notifications.badge.config')}</Badge>}
                {mailbox.direction === 'in' && <Badge>{t('email-notifications.badge.incoming')}</Badge>}
              </Flex>
            </Td>
            <Td>
              <Typography textColor="neutral800">{mailbox.fromAddress}</Typography>
            </Td>
            <Td>
              <Typography textColor="neutral800">{`${mailbox.host}:${mailbox.port}`}</Typography>
            </Td>
            <Td>
              <Typography textColor="neutral800">{t(SECURITY_LABELS[mailbox.security])}</Typography>
            </Td>
            <Td>
              <Status variant={mailbox.enabled ? 'success' : 'neutral'} size="S">
                <Typography fontWeight="bold" textColor={mailbox.enabled ? 'success700' : 'neutral700'}>
                  {t(mailbox.enabled ? 'email-notifications.status.enabled' : 'email-notifications.status.disabled')}
                </Typography>
              </Status>
            </Td>
            <Td onClick={(event: React.MouseEvent) => event.stopPropagation()}>
              <MailboxRowActions mailbox={mailbox} canUpdate={canUpdate} canSend={canSend} {...handlers} />
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
