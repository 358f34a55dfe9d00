/*
 * The Mail log: the outbox health (polled), the Sent / Outbox / Failed tabs with filters, the table
 * of messages and pagination. Tab, filters and page live in the URL (useMailLogQuery); a row opens
 * the message. A list that cannot be loaded (e.g. a refused filter) shows the server's message.
 */
import { Button, EmptyStateLayout, Flex, Loader, Tabs, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { Layouts, Page, Pagination } from '@strapi/strapi/admin';
import { toApiProblem } from '../api/api-error';
import { useMailboxOptions } from '../api/mailbox-queries';
import { useMessageList, useOutboxHealth, useRefreshMessages } from '../api/message-queries';
import { HealthBanner } from '../components/mail-log/HealthBanner';
import { MailLogFilters } from '../components/mail-log/MailLogFilters';
import { MessageTable } from '../components/mail-log/MessageTable';
import { DEFAULT_PAGE_SIZE, MAIL_LOG_TABS, PAGE_SIZES, useMailLogQuery, type MailLogTab } from '../hooks/use-mail-log-query';
import { useMessagePermissions } from '../hooks/use-message-permissions';
import { useT, type MessageId } from '../utils/use-t';

const TAB_LABELS: Record<MailLogTab, MessageId> = {
  sent: 'email-notifications.mailLog.tab.sent',
  outbox: 'email-notifications.mailLog.tab.outbox',
  failed: 'email-notifications.mailLog.tab.failed',
};

const EMPTY_TEXT: Record<MailLogTab, MessageId> = {
  sent: 'email-notifications.mailLog.empty.sent',
  outbox: 'email-notifications.mailLog.empty.outbox',
  failed: 'email-notifications.mailLog.empty.failed',
};

export const MailLogPage = () => {
  const t = useT();
  const { tab, filters, params, hasFilters, setTab, setFilters, clearFilters } = useMailLogQuery();
  const list = useMessageList(params);
  const health = useOutboxHealth();
  const { canReadMailboxes, isLoading: isLoadingPermissions } = useMessagePermissions();
  const mailboxes = useMailboxOptions(canReadMailboxes);
  const refresh = useRefreshMessages();

  if (isLoadingPermissions) return <Page.Loading />;

  const body = () => {
    if (list.isLoading) {
      return (
        <Flex justifyContent="center" padding={8}>
          <Loader>{t('email-notifications.mailLog.loading')}</Loader>
        </Flex>
      );
    }
    if (!list.data) {
      return (
        <EmptyStateLayout
          icon={<EmptyDocuments width="16rem" />}
          content={t('email-notifications.mailLog.loadFailed', { message: toApiProblem(list.error).message })}
          action={
            <Button variant="secondary" startIcon={<ArrowClockwise />} onClick={refresh}>
              {t('email-notifications.mailLog.tryAgain')}
            </Button>
          }
        />
      );
    }
    const { results, pagination } = list.data;
    if (results.length === 0) {
      return (
        <EmptyStateLayout icon={<EmptyDocuments width="16rem" />} content={t(hasFilters ? 'email-notifications.mailLog.empty.filtered' : EMPTY_TEXT[tab])} />
      );
    }
    return (
      <>
        <MessageTable tab={tab} messages={results} />
        <Pagination.Root pageCount={pagination.pageCount} total={pagination.total} defaultPageSize={DEFAULT_PAGE_SIZE}>
          <Pagination.PageSize options={PAGE_SIZES} />
          <Pagination.Links />
        </Pagination.Root>
      </>
    );
  };

  return (
    <Page.Main>
      <Page.Title>{t('email-notifications.page.title', { name: t('email-notifications.mailLog.title') })}</Page.Title>
      <Layouts.Header
        title={t('email-notifications.mailLog.title')}
        subtitle={t('email-notifications.mailLog.subtitle')}
        primaryAction={
          <Button variant="secondary" startIcon={<ArrowClockwise />} onClick={refresh} loading={list.isFetching && !list.isLoading}>
            {t('email-notifications.mailLog.refresh')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {health.data ? (
            <HealthBanner health={health.data} />
          ) : (
            health.isError && (
              <Typography textColor="danger600">{t('email-notifications.health.loadFailed', { message: toApiProblem(health.error).message })}</Typography>
            )
          )}
          <Tabs.Root value={tab} onValueChange={(value) => setTab(value as MailLogTab)}>
            <Tabs.List aria-label={t('email-notifications.mailLog.tabs')}>
              {MAIL_LOG_TABS.map((value) => (
                <Tabs.Trigger key={value} value={value}>
                  {t(TAB_LABELS[value])}
                </Tabs.Trigger>
              ))}
            </Tabs.List>
            {MAIL_LOG_TABS.map((value) => (
              <Tabs.Content key={value} value={value}>
                <Flex direction="column" alignItems="stretch" gap={4} padding={6} background="neutral0" hasRadius shadow="filterShadow">
                  <MailLogFilters
                    filters={filters}
                    onChange={setFilters}
                    onClear={clearFilters}
                    hasFilters={hasFilters}
                    mailboxes={canReadMailboxes ? (mailboxes.data ?? []) : undefined}
                  />
                  {body()}
                </Flex>
              </Tabs.Content>
            ))}
          </Tabs.Root>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
