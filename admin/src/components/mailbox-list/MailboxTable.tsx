/*
 * The table of mailboxes: name with its badges (default, from config, incoming) and deliverability warnings, sender, server and
 * security, status, health, what it sent today, and the row actions. Presentational: every action is
 * a callback of the page.
 */
import { Badge, Flex, Status, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { useNavigate } from 'react-router-dom';
import type { Mailbox, MailboxListItem } from '../../api/mailbox-types';
import { EMPTY } from '../../utils/use-formatters';
import { useT, type MessageId } from '../../utils/use-t';
import { ColumnHeadings } from '../table/ColumnHeadings';
import { DeliverabilityWarnings } from './DeliverabilityWarnings';
import { HealthBadge } from './HealthBadge';
import { MailboxRowActions, type RowActionHandlers } from './MailboxRowActions';
import { UsageCell } from './UsageCell';

const COLUMNS: MessageId[] = [
  'email-notifications.list.column.name',
  'email-notifications.list.column.fromAddress',
  'email-notifications.list.column.server',
  'email-notifications.list.column.status',
  'email-notifications.list.column.health',
  'email-notifications.list.column.sentToday',
];

const SECURITY_LABELS: Record<Mailbox['security'], MessageId> = {
  none: 'email-notifications.security.short.none',
  ssl: 'email-notifications.security.short.ssl',
  starttls: 'email-notifications.security.short.starttls',
};

interface MailboxTableProps extends RowActionHandlers {
  mailboxes: MailboxListItem[];
  canUpdate: boolean;
  canSend: boolean;
}

export const MailboxTable = ({ mailboxes, canUpdate, canSend, ...handlers }: MailboxTableProps) => {
  const t = useT();
  const navigate = useNavigate();

  return (
    <Table colCount={7} rowCount={mailboxes.length + 1}>
      <ColumnHeadings columns={COLUMNS} actions="email-notifications.list.column.actions" />
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
              <DeliverabilityWarnings warnings={mailbox.warnings} />
            </Td>
            <Td>
              <Typography textColor="neutral800">{mailbox.fromAddress}</Typography>
            </Td>
            <Td>
              {/* Security under the server rather than in a column of its own: the row stays within the page. */}
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <Typography textColor="neutral800">{`${mailbox.host}:${mailbox.port}`}</Typography>
                <Typography variant="pi" textColor="neutral600">
                  {t(SECURITY_LABELS[mailbox.security])}
                </Typography>
              </Flex>
            </Td>
            <Td>
              <Status variant={mailbox.enabled ? 'success' : 'neutral'} size="S">
                <Typography fontWeight="bold" textColor={mailbox.enabled ? 'success700' : 'neutral700'}>
                  {t(mailbox.enabled ? 'email-notifications.status.enabled' : 'email-notifications.status.disabled')}
                </Typography>
              </Status>
            </Td>
            {/* Incoming mailboxes never send: no health, no usage. */}
            <Td>{mailbox.direction === 'out' ? <HealthBadge health={mailbox.health} secretProblem={mailbox.secretProblem} /> : <Typography textColor="neutral600">{EMPTY}</Typography>}</Td>
            <Td>{mailbox.direction === 'out' ? <UsageCell mailbox={mailbox} /> : <Typography textColor="neutral600">{EMPTY}</Typography>}</Td>
            <Td onClick={(event: React.MouseEvent) => event.stopPropagation()}>
              <MailboxRowActions mailbox={mailbox} canUpdate={canUpdate} canSend={canSend} {...handlers} />
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
