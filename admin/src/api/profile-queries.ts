/*
 * react-query hooks of the profile resource (GET/PUT /profile): the signed-in admin's notification
 * profile and its save. Keys come from query-keys.ts; built on useFetchClient (admin JWT). Components call
 * these hooks, never fetch; failures stay FetchErrors.
 */
import { useFetchClient } from '@strapi/strapi/admin';
import { useMutation, useQuery, useQueryClient } from 'react-query';
import type { NotificationProfile, NotificationProfileBody } from './profile-types';
import { KEYS } from './query-keys';

const BASE = '/email-notifications';

export function useProfile() {
  const { get } = useFetchClient();
  return useQuery(KEYS.profile(), async () => (await get<{ data: NotificationProfile }>(`${BASE}/profile`)).data.data);
}

export function useSaveProfile() {
  const { put } = useFetchClient();
  const client = useQueryClient();
  return useMutation(async (body: NotificationProfileBody) => (await put<{ data: NotificationProfile }>(`${BASE}/profile`, body)).data.data, {
    onSuccess: (profile) => {
      client.setQueryData(KEYS.profile(), profile);
    },
  });
}
