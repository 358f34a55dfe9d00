/*
 * One chart of the Overview: stacked bars of sent, failed, bounced and waiting messages per bucket,
 * drawn by recharts in the theme's colours and fonts. Buckets are UTC hours or days; hours are labelled
 * in the admin's local time, days by their UTC date. Shows what it is given; fetches nothing.
 */
import { Box, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTheme } from 'styled-components';
import { STAT_SERIES, type StatBucket, type StatsBucketRow } from '../../api/stats-types';
import { useT } from '../../utils/use-t';
import { SERIES_LABELS, seriesColors } from './series-colors';

interface StatsChartProps {
  title: string;
  bucket: StatBucket;
  buckets: StatsBucketRow[];
}

const CHART_HEIGHT = 260;

export const StatsChart = ({ title, bucket, buckets }: StatsChartProps) => {
  const t = useT();
  const theme = useTheme();
  const { formatDate } = useIntl();
  const colors = seriesColors(theme);
  const label = (at: string) =>
    bucket === 'hour'
      ? formatDate(at, { weekday: 'short', hour: '2-digit', minute: '2-digit' })
      : formatDate(at, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const axis = { fill: theme.colors.neutral600, fontSize: theme.fontSizes[1] };
  const total = buckets.reduce((sum, b) => sum + b.sent + b.failed + b.bounced + b.queued, 0);

  return (
    <Box padding={4} background="neutral0" hasRadius shadow="tableShadow" data-testid={`stats-chart-${bucket}`}>
      <Typography variant="delta" tag="h3">
        {title}
      </Typography>
      <Box paddingTop={3} role="img" aria-label={t('email-notifications.overview.chartSummary', { title, total })}>
        <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
          <BarChart data={buckets} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid stroke={theme.colors.neutral150} vertical={false} />
            <XAxis dataKey="at" tickFormatter={label} tick={axis} stroke={theme.colors.neutral300} minTickGap={24} />
            <YAxis allowDecimals={false} tick={axis} stroke={theme.colors.neutral300} />
            <Tooltip
              labelFormatter={(at) => label(String(at))}
              contentStyle={{ background: theme.colors.neutral0, border: `1px solid ${theme.colors.neutral150}`, borderRadius: theme.borderRadius, fontSize: theme.fontSizes[1] }}
              cursor={{ fill: theme.colors.neutral100 }}
            />
            <Legend wrapperStyle={{ fontSize: theme.fontSizes[1], color: theme.colors.neutral600 }} />
            {STAT_SERIES.map((series) => (
              <Bar key={series} dataKey={series} name={t(SERIES_LABELS[series])} stackId="messages" fill={colors[series]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </Box>
    </Box>
  );
};
