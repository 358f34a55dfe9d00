/*
 * react-query hooks of the task-groups resource (/task-groups...): list, one group, save, delete, and
 * the list the rule form offers. URLs, response envelopes and which caches a change invalidates. Built on
 * useFetchClient (admin JWT, token refresh). Components call these hooks, never fetch; failures stay FetchErrors.
 */
import { useFetchClient } from '@strapi/strapi/admin';
import { useMutation, useQuery, useQueryClient } from 'react-query';
import { KEYS } from './query-keys';
import type { TaskGroup, TaskGroupBody } from './task-group-types';

const BASE = '/email-notifications';
const taskGroupPath = (id: string) => `${BASE}/task-groups/${encodeURIComponent(id)}`;

/** GET /task-groups, shared by the two list hooks below (one cache entry). */
function useTaskGroupListFetcher() {
  const { get } = useFetchClient();
  return async () => (await get<{ data: TaskGroup[] }>(`${BASE}/task-groups`)).data.data;
}

export function useTaskGroups() {
  return useQuery(KEYS.taskGroupList(), useTaskGroupListFetcher());
}

/**
 * The groups the rule form offers: the list page's key and shape, but without retries, as an admin who
 * may not read task groups gets a refusal at once and types the name instead.
 */
export function useTaskGroupChoices() {
  return useQuery(KEYS.taskGroupList(), useTaskGroupListFetcher(), { retry: false });
}

/** One task group; `id` undefined means a new group, nothing to load. */
export function useTaskGroup(id: string | undefined) {
  const { get } = useFetchClient();
  return useQuery(KEYS.taskGroup(id ?? ''), async () => (await get<{ data: TaskGroup }>(taskGroupPath(id!))).data.data, {
    enabled: id !== undefined,
    retry: false,
  });
}

/** Creates (no `id`) or updates a task group; resolves with the stored group or throws the FetchError (400, 409). */
export function useSaveTaskGroup() {
  const { post, put } = useFetchClient();
  const client = useQueryClient();
  return useMutation(
    async ({ id, body }: { id?: string; body: TaskGroupBody }) =>
      id
        ? (await put<{ data: TaskGroup }>(taskGroupPath(id), body)).data.data
        : (await post<{ data: TaskGroup }>(`${BASE}/task-groups`, body)).data.data,
    {
      onSuccess: (group) => {
        client.setQueryData(KEYS.taskGroup(group.id), group);
        return client.invalidateQueries(KEYS.taskGroupList());
      },
    },
  );
}

export function useDeleteTaskGroup() {
  const { del } = useFetchClient();
  const client = useQueryClient();
  return useMutation(
    async (id: string) => {
      await del(taskGroupPath(id));
    },
    {
      onSuccess: (_nothing, id) => client.removeQueries(KEYS.taskGroup(id)),
      // Also after a refusal (404: deleted meanwhile), so the list shows what is really there.
      onSettled: () => client.invalidateQueries(KEYS.taskGroupList()),
    },
  );
}
