/*
 * The Mail log's Overview tab: filters (mailbox, task group), the last 48 hours by hour and the last
 * 30 days by day as charts, the oldest queued message and each mailbox at a glance. Two GET /stats
 * calls (one per chart); the mailbox list and the oldest message come with the hourly one.
 */
import { Box, Flex, Grid, Loader, Typography } from '@strapi/design-system';
import { toApiProblem } from '../../api/api-error';
import { useStats } from '../../api/stats-queries';
import type { StatsParams } from '../../api/stats-types';
import { useOverviewFilters } from '../../hooks/use-overview-filters';
import { useT } from '../../utils/use-t';
import { MailboxHealthTable } from './MailboxHealthTable';
import { OldestQueued } from './OldestQueued';
import { OverviewFilters } from './OverviewFilters';
import { StatsChart } from './StatsChart';

export const OverviewPanel = () => {
  const t = useT();
  const { filters, setFilters } = useOverviewFilters();
  const scope: Omit<StatsParams, 'bucket'> = { ...(filters.mailbox ? { mailbox: filters.mailbox } : {}), ...(filters.taskGroup ? { taskGroup: filters.taskGroup } : {}) };
  const hours = useStats({ bucket: 'hour', ...scope });
  const days = useStats({ bucket: 'day', ...scope });

  if (hours.isLoading || days.isLoading) {
    return (
      <Flex justifyContent="center" padding={8}>
        <Loader>{t('email-notifications.overview.loading')}</Loader>
      </Flex>
    );
  }
  if (!hours.data || !days.data) {
    return <Typography textColor="danger600">{t('email-notifications.overview.loadFailed', { message: toApiProblem(hours.error ?? days.error).message })}</Typography>;
  }
  const { totals } = hours.data;
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <OverviewFilters filters={filters} onChange={setFilters} mailboxes={hours.data.mailboxes} taskGroups={hours.data.taskGroups} />
      <Typography textColor="neutral600" data-testid="overview-totals">
        {t('email-notifications.overview.totals', totals)}
      </Typography>
      <StatsChart title={t('email-notifications.overview.chart.hours')} bucket="hour" buckets={hours.data.buckets} />
      <StatsChart title={t('email-notifications.overview.chart.days')} bucket="day" buckets={days.data.buckets} />
      <Grid.Root gap={4}>
        <Grid.Item col={4} s={12} alignItems="stretch">
          <Box width="100%">
            <OldestQueued oldest={hours.data.oldestQueued} />
          </Box>
        </Grid.Item>
        <Grid.Item col={8} s={12} alignItems="stretch">
          <Box width="100%">
            <MailboxHealthTable mailboxes={hours.data.mailboxes} />
          </Box>
        </Grid.Item>
      </Grid.Root>
    </Flex>
  );
};
