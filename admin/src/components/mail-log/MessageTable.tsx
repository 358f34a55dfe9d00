/*
 * The table of one Mail log tab: status, subject, recipients, mailbox, attempts, created, and a
 * column that depends on the tab (sent time; next attempt or why it waits; the error). A click on a
 * row opens the message. Presentational: the rows come from the page.
 */
import { Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { useNavigate } from 'react-router-dom';
import type { MessageSummary } from '../../api/message-types';
import type { MailLogTab } from '../../hooks/use-mail-log-query';
import { useFormatters, EMPTY } from '../../utils/use-formatters';
import { useT, type MessageId } from '../../utils/use-t';
import { ColumnHeadings } from '../table/ColumnHeadings';
import { StatusBadge } from './StatusBadge';

const COLUMNS: MessageId[] = [
  'email-notifications.mailLog.column.status',
  'email-notifications.mailLog.column.subject',
  'email-notifications.mailLog.column.recipients',
  'email-notifications.mailLog.column.mailbox',
  'email-notifications.mailLog.column.attempts',
  'email-notifications.mailLog.column.createdAt',
];

const LAST_COLUMN: Record<MailLogTab, MessageId> = {
  sent: 'email-notifications.mailLog.column.sentAt',
  outbox: 'email-notifications.mailLog.column.nextAttempt',
  failed: 'email-notifications.mailLog.column.error',
};

const Cell = ({ children, ellipsis }: { children: React.ReactNode; ellipsis?: boolean }) => (
  <Td>
    <Typography textColor="neutral800" ellipsis={ellipsis} display="block" style={ellipsis ? { maxWidth: '28rem' } : undefined}>
      {children}
    </Typography>
  </Td>
);

export const MessageTable = ({ tab, messages }: { tab: MailLogTab; messages: MessageSummary[] }) => {
  const t = useT();
  const format = useFormatters();
  const navigate = useNavigate();

  const lastCell = (message: MessageSummary) => {
    if (tab === 'sent') return <Cell>{format.dateTime(message.sentAt)}</Cell>;
    if (tab === 'failed') {
      // Wrapped, not cut: the SMTP code and reply are the point of this tab.
      return (
        <Td style={{ whiteSpace: 'normal' }}>
          <Typography textColor="neutral800" display="block" style={{ minWidth: '24rem', overflowWrap: 'anywhere' }}>
            {message.lastError ?? t('email-notifications.mailLog.cancelledAt', { at: format.dateTime(message.cancelledAt) })}
          </Typography>
        </Td>
      );
    }
    return (
      <Td>
        <Typography textColor="neutral800" display="block" data-testid="next-attempt">
          {message.status === 'sending' ? t('email-notifications.mailLog.sendingNow') : format.dateTime(message.nextAttemptAt)}
        </Typography>
        {message.waitingReason && (
          <Typography variant="pi" textColor="warning700" display="block">
            {message.waitingReason}
          </Typography>
        )}
      </Td>
    );
  };

  return (
    <Table colCount={7} rowCount={messages.length + 1}>
      <ColumnHeadings columns={[...COLUMNS, LAST_COLUMN[tab]]} />
      <Tbody>
        {messages.map((message) => (
          <Tr key={message.id} onClick={() => navigate(message.id)} style={{ cursor: 'pointer' }}>
            <Td>
              <StatusBadge status={message.status} hasWarning={message.hasWarning} />
            </Td>
            <Cell ellipsis>{message.subject || t('email-notifications.mailLog.noSubject')}</Cell>
            <Cell ellipsis>{message.to.join(', ') || EMPTY}</Cell>
            <Cell>{message.mailboxName ?? EMPTY}</Cell>
            <Cell>{format.number(message.attempts)}</Cell>
            <Cell>{format.dateTime(message.createdAt)}</Cell>
            {lastCell(message)}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
