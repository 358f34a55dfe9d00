/*
 * Dates, times and ages as the admin's locale writes them (react-intl), for the Mail log and the
 * mailbox tables. Presentation only; a missing value becomes an em dash so table cells never collapse.
 */
import * as React from 'react';
import { useIntl } from 'react-intl';
import { useT } from './use-t';

export const EMPTY = '—';

export function useFormatters() {
  const { formatDate, formatNumber } = useIntl();
  const t = useT();
  return React.useMemo(
    () => ({
      /** Date and time to the second: delivery events happen seconds apart. */
      dateTime: (iso: string | null | undefined) =>
        iso ? formatDate(iso, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }) : EMPTY,
      /** A moment as a 24-hour clock time ("14:05"), with the date in front when it is not today. */
      clock: (iso: string) => {
        const isToday = new Date(iso).toDateString() === new Date().toDateString();
        return formatDate(iso, { ...(isToday ? {} : { month: 'short', day: 'numeric' }), hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      },
      /** A duration in whole seconds as "45 s", "12 min", "3 h 5 min" or "2 d 4 h". */
      age: (seconds: number | null | undefined) => {
        if (seconds === null || seconds === undefined) return EMPTY;
        const s = Math.max(0, Math.round(seconds));
        if (s < 60) return t('email-notifications.duration.seconds', { seconds: s });
        if (s < 3600) return t('email-notifications.duration.minutes', { minutes: Math.floor(s / 60) });
        if (s < 86_400) return t('email-notifications.duration.hours', { hours: Math.floor(s / 3600), minutes: Math.floor((s % 3600) / 60) });
        return t('email-notifications.duration.days', { days: Math.floor(s / 86_400), hours: Math.floor((s % 86_400) / 3600) });
      },
      number: (value: number) => formatNumber(value),
    }),
    [formatDate, formatNumber, t],
  );
}
