/*
 * The addressing and outcome of one message: sender, recipients, reply-to, Message-ID, mailbox,
 * origin, times, the server's response and rejected recipients, the last error or why it waits.
 * Presentational; values are shown as the server sent them (already masked there).
 */
import { Flex, Grid, Typography } from '@strapi/design-system';
import type { MessageDetail } from '../../api/message-types';
import { useFormatters, EMPTY } from '../../utils/use-formatters';
import { useT, type MessageId } from '../../utils/use-t';
import { FormSection } from '../form/FormSection';

const Item = ({ label, value, full, testId }: { label: string; value: string; full?: boolean; testId?: string }) => (
  <Grid.Item col={full ? 12 : 4} s={12} direction="column" alignItems="stretch">
    <Flex direction="column" alignItems="stretch" gap={1} data-testid={testId}>
      <Typography variant="sigma" textColor="neutral600">
        {label}
      </Typography>
      <Typography textColor="neutral800" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
        {value || EMPTY}
      </Typography>
    </Flex>
  </Grid.Item>
);

export const MessageEnvelope = ({ message }: { message: MessageDetail }) => {
  const t = useT();
  const format = useFormatters();
  const item = (id: MessageId, value: string | null | undefined, options: { full?: boolean; testId?: string } = {}) => (
    <Item label={t(id)} value={value ?? ''} {...options} />
  );
  const outcomeTime =
    message.status === 'sent' ? message.sentAt : message.status === 'failed' ? message.failedAt : message.status === 'cancelled' ? message.cancelledAt : null;

  return (
    <FormSection title={t('email-notifications.message.section.envelope')}>
      {item('email-notifications.message.from', message.from)}
      {item('email-notifications.message.replyTo', message.replyTo)}
      {item('email-notifications.message.to', message.to.join(', '))}
      {item('email-notifications.message.cc', message.cc.join(', '))}
      {item('email-notifications.message.bcc', message.bcc.join(', '))}
      {item('email-notifications.message.subject', message.subject)}
      {item('email-notifications.message.messageId', message.messageId, { testId: 'message-id' })}
      {item('email-notifications.message.mailbox', message.mailboxName)}
      {item('email-notifications.message.origin', message.originType)}
      {item('email-notifications.message.attempts', format.number(message.attempts))}
      {item('email-notifications.message.createdAt', format.dateTime(message.createdAt))}
      {outcomeTime && item('email-notifications.message.finishedAt', format.dateTime(outcomeTime))}
      {message.status === 'queued' && item('email-notifications.message.nextAttemptAt', format.dateTime(message.nextAttemptAt))}
      {message.waitingReason && item('email-notifications.message.waitingReason', message.waitingReason, { full: true })}
      {item('email-notifications.message.serverResponse', message.serverResponse, { full: true, testId: 'server-response' })}
      {message.rejectedRecipients.length > 0 && item('email-notifications.message.rejectedRecipients', message.rejectedRecipients.join(', '), { full: true })}
      {message.lastError && item('email-notifications.message.lastError', message.lastError, { full: true, testId: 'last-error' })}
    </FormSection>
  );
};
