/*
 * One message of the Mail log: envelope and outcome, the body (sandboxed), the attempt history and
 * the headers, with Retry / Cancel / Delete for admins who may update messages. While the message is
 * queued or being sent, the page re-reads it until it settles.
 */
import { Box, Flex } from '@strapi/design-system';
import { BackButton, Layouts, Page } from '@strapi/strapi/admin';
import { useParams } from 'react-router-dom';
import { useMessage } from '../api/message-queries';
import { StatusBadge } from '../components/mail-log/StatusBadge';
import { AttemptHistory } from '../components/message-detail/AttemptHistory';
import { HeadersTable } from '../components/message-detail/HeadersTable';
import { MessageActions } from '../components/message-detail/MessageActions';
import { MessageBody } from '../components/message-detail/MessageBody';
import { MessageEnvelope } from '../components/message-detail/MessageEnvelope';
import { useMessagePermissions } from '../hooks/use-message-permissions';
import { useT } from '../utils/use-t';

export const MessageDetailPage = () => {
  const t = useT();
  const { id = '' } = useParams<{ id: string }>();
  const { data: message, isLoading } = useMessage(id);
  const { canUpdate, isLoading: isLoadingPermissions } = useMessagePermissions();

  if (isLoading || isLoadingPermissions) return <Page.Loading />;
  if (!message) return <Page.Error />;

  const title = message.subject || t('email-notifications.mailLog.noSubject');
  return (
    <Page.Main>
      <Page.Title>{t('email-notifications.page.title', { name: title })}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback=".." />}
        title={title}
        subtitle={
          <Box data-testid="message-status">
            <StatusBadge status={message.status} hasWarning={message.hasWarning} />
          </Box>
        }
        primaryAction={canUpdate ? <MessageActions message={message} /> : undefined}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <MessageEnvelope message={message} />
          <MessageBody key={message.id} message={message} />
          <AttemptHistory entries={message.attemptLog} />
          <HeadersTable headers={message.headers} />
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
