/*
 * react-query hook of GET /stats (the Overview's charts and the home page widget): URL, envelope and
 * polling. Built on useFetchClient (admin JWT, token refresh). Components call it, never fetch.
 */
import { useFetchClient } from '@strapi/strapi/admin';
import { useQuery } from 'react-query';
import { KEYS } from './query-keys';
import type { Stats, StatsParams } from './stats-types';

/** The numbers move as mail goes out: re-read while a chart shows them. */
const STATS_POLL_MS = 30_000;

export function useStats(params: StatsParams, options: { enabled?: boolean } = {}) {
  const { get } = useFetchClient();
  return useQuery(KEYS.stats(params), async () => (await get<{ data: Stats }>('/email-notifications/stats', { params })).data.data, {
    keepPreviousData: true,
    refetchInterval: STATS_POLL_MS,
    retry: false,
    enabled: options.enabled ?? true,
  });
}
