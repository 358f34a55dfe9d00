/*
 * The colour of each stats series, from the design system's theme tokens (so the charts follow the
 * admin's light and dark themes), and its label key. One definition for the charts and the widget.
 */
import type { DefaultTheme } from 'styled-components';
import type { StatSeries } from '../../api/stats-types';
import type { MessageId } from '../../utils/use-t';

export function seriesColors(theme: DefaultTheme): Record<StatSeries, string> {
  return { sent: theme.colors.success500, failed: theme.colors.danger600, bounced: theme.colors.warning500, queued: theme.colors.primary500 };
}

export const SERIES_LABELS: Record<StatSeries, MessageId> = {
  sent: 'email-notifications.overview.series.sent',
  failed: 'email-notifications.overview.series.failed',
  bounced: 'email-notifications.overview.series.bounced',
  queued: 'email-notifications.overview.series.queued',
};
