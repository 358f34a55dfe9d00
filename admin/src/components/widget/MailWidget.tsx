/*
 * The home page widget: the last 24 hours of mail at a glance (sent, failed and bounced, waiting) and
 * a small hourly chart, from GET /stats. Strapi's home page frames it with its title and the link to
 * the Mail log, and shows it only to admins with messages.read (see admin/src/index.ts).
 */
import { Box, Flex, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis } from 'recharts';
import { useIntl } from 'react-intl';
import { useTheme } from 'styled-components';
import { useStats } from '../../api/stats-queries';
import { STAT_SERIES } from '../../api/stats-types';
import { useT } from '../../utils/use-t';
import { SERIES_LABELS, seriesColors } from '../overview/series-colors';

const HOUR = 3_600_000;

/** The 24 UTC hours ending with the current one (stable within an hour, so the query key is too). */
const last24Hours = () => new Date(Math.ceil(Date.now() / HOUR) * HOUR - 24 * HOUR).toISOString();

export const MailWidget = () => {
  const t = useT();
  const theme = useTheme();
  const { formatDate, formatNumber } = useIntl();
  const stats = useStats({ bucket: 'hour', from: last24Hours() });
  if (stats.isLoading) return <Widget.Loading />;
  if (!stats.data) return <Widget.Error />;
  const { totals, buckets } = stats.data;
  const colors = seriesColors(theme);
  const figures = [
    { key: 'sent', value: totals.sent, color: colors.sent },
    { key: 'failed', value: totals.failed + totals.bounced, color: colors.failed },
    { key: 'queued', value: totals.queued, color: colors.queued },
  ] as const;
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="mail-widget">
      <Flex gap={6}>
        {figures.map(({ key, value, color }) => (
          <Flex key={key} direction="column" alignItems="flex-start" data-testid={`mail-widget-${key}`}>
            <Typography variant="alpha" tag="p" style={{ color }}>
              {formatNumber(value)}
            </Typography>
            <Typography variant="pi" textColor="neutral600">
              {t(key === 'failed' ? 'email-notifications.widget.failed' : SERIES_LABELS[key])}
            </Typography>
          </Flex>
        ))}
      </Flex>
      <Box role="img" aria-label={t('email-notifications.widget.chartLabel')}>
        <ResponsiveContainer width="100%" height={90}>
          <BarChart data={buckets} margin={{ top: 0, right: 0, bottom: 0, left: 0 }}>
            <XAxis dataKey="at" hide />
            <Tooltip
              labelFormatter={(at) => formatDate(String(at), { hour: '2-digit', minute: '2-digit' })}
              contentStyle={{ background: theme.colors.neutral0, border: `1px solid ${theme.colors.neutral150}`, fontSize: theme.fontSizes[1] }}
            />
            {STAT_SERIES.map((series) => (
              <Bar key={series} dataKey={series} name={t(SERIES_LABELS[series])} stackId="messages" fill={colors[series]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </Box>
    </Flex>
  );
};
