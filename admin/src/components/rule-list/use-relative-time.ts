/*
 * "5 minutes ago", "yesterday": a past moment relative to now in the admin's locale (react-intl), for
 * the rules list's "last fired". An em dash for never.
 */
import * as React from 'react';
import { useIntl } from 'react-intl';
import { EMPTY } from '../../utils/use-formatters';

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Infinity],
];

export function useRelativeTime() {
  const { formatRelativeTime } = useIntl();
  return React.useCallback(
    (iso: string | null | undefined) => {
      if (!iso) return EMPTY;
      let amount = (new Date(iso).getTime() - Date.now()) / 1000;
      for (const [unit, size] of STEPS) {
        if (Math.abs(amount) < size) return formatRelativeTime(Math.round(amount), unit, { numeric: 'auto' });
        amount /= size;
      }
      return EMPTY;
    },
    [formatRelativeTime],
  );
}
