/*
 * react-query hooks of the suppressions resource: the page of held addresses (GET /suppressions with
 * search and pages) and the release of several (POST /suppressions/release), which refreshes the list.
 * Built on useFetchClient (admin JWT); failures stay FetchErrors.
 */
import { useFetchClient } from '@strapi/strapi/admin';
import { useMutation, useQuery, useQueryClient } from 'react-query';
import { KEYS } from './query-keys';
import type { SuppressionListParams, SuppressionPage } from './suppression-types';

const BASE = '/email-notifications/suppressions';

export function useSuppressions(params: SuppressionListParams) {
  const { get } = useFetchClient();
  const query = { ...params, ...(params.q ? {} : { q: undefined }) };
  return useQuery(KEYS.suppressionList(params), async () => (await get<{ data: SuppressionPage }>(BASE, { params: query })).data.data, {
    keepPreviousData: true,
    retry: false,
  });
}

export function useReleaseSuppressions() {
  const { post } = useFetchClient();
  const client = useQueryClient();
  return useMutation(async (ids: string[]) => (await post<{ data: { released: number; missing: string[] } }>(`${BASE}/release`, { ids })).data.data, {
    onSuccess: () => client.invalidateQueries(KEYS.suppressions()),
  });
}
