/*
 * react-query hooks of the settings resource (GET/PUT /settings, the Options page): URL, response
 * envelope and the cache a save replaces. Built on useFetchClient (admin JWT, token refresh). Components
 * call these hooks, never fetch; failures stay FetchErrors.
 */
import { useFetchClient } from '@strapi/strapi/admin';
import { useMutation, useQuery, useQueryClient } from 'react-query';
import { KEYS } from './query-keys';
import type { SettingsUpdate, SettingsView } from './settings-types';

const BASE = '/email-notifications';

export function useSettings() {
  const { get } = useFetchClient();
  return useQuery(KEYS.settings(), async () => (await get<{ data: SettingsView }>(`${BASE}/settings`)).data.data);
}

export function useSaveSettings() {
  const { put } = useFetchClient();
  const client = useQueryClient();
  return useMutation(async (body: SettingsUpdate) => (await put<{ data: SettingsView }>(`${BASE}/settings`, body)).data.data, {
    onSuccess: (view) => {
      client.setQueryData(KEYS.settings(), view);
    },
  });
}
