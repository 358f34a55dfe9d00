/*
 * The Mail log: the outbox health (polled), the Sent / Outbox / Failed tabs with filters, the table
 * of messages and pagination, and the Overview tab with the charts (components/overview). Tab, filters
 * and page live in the URL (useMailLogQuery); a row opens the message. A list that cannot be loaded
 * (e.g. a refused filter) shows the server's message.
 */
import { Box, Button, EmptyStateLayout, Flex, Loader, Tabs, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { Layouts, Page, Pagination } from '@strapi/strapi/admin';
import { toApiProblem } from '../api/api-error';
import { useMailboxOptions } from '../api/mailbox-queries';
import { useMessageList, useOutboxHealth, useRefreshMessages } from '../api/message-queries';
import { HealthBanner } from '../components/mail-log/HealthBanner';
import { MailLogFilters } from '../components/mail-log/MailLogFilters';
import { MessageTable } from '../components/mail-log/MessageTable';
import { OverviewPanel } from '../components/overview/OverviewPanel';
import { DEFAULT_PAGE_SIZE, MAIL_LOG_TABS, OVERVIEW_TAB, PAGE_SIZES, useMailLogQuery, type MailLogTab, type MailLogView } from '../hooks/use-mail-log-query';
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
  const { view, tab, filters, params, hasFilters, setView, setFilters, clearFilters } = useMailLogQuery();
  const list = useMessageList(params, view !== OVERVIEW_TAB);
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
          <Tabs.Root value={view} onValueChange={(value) => setView(value as MailLogView)}>
            <Tabs.List aria-label={t('email-notifications.mailLog.tabs')}>
              {MAIL_LOG_TABS.map((value) => (
                <Tabs.Trigger key={value} value={value}>
                  {t(TAB_LABELS[value])}
                </Tabs.Trigger>
              ))}
              <Tabs.Trigger value={OVERVIEW_TAB}>{t('email-notifications.mailLog.tab.overview')}</Tabs.Trigger>
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
            <Tabs.Content value={OVERVIEW_TAB}>
              <Box paddingTop={4}>{view === OVERVIEW_TAB && <OverviewPanel />}</Box>
            </Tabs.Content>
          </Tabs.Root>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
