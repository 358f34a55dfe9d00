/*
 * react-query hooks of the Mail log, Options and Task groups pages, and the only owner of the query keys
 * (template-queries.ts and rule-queries.ts build the Templates and Rules hooks on KEYS): URLs, response
 * envelopes, polling and which caches a change invalidates. Built on Strapi's useFetchClient (admin JWT,
 * token refresh). Components call these hooks, never fetch; failures stay FetchErrors.
 */
import { useFetchClient } from '@strapi/strapi/admin';
import { useMutation, useQuery, useQueryClient } from 'react-query';
import type { MessageDetail, MessageListParams, MessagePage, OutboxHealth, SettingsUpdate, SettingsView } from './mail-log-types';
import type { TaskGroup, TaskGroupBody } from './task-group-types';
import type { Mailbox } from './types';

const BASE = '/email-notifications';

/** Health is polled while a page shows it, so a stuck queue shows up without a manual refresh. */
const HEALTH_POLL_MS = 10_000;
/** A queued or sending message is re-read this often on its detail page until it settles. */
const OPEN_MESSAGE_POLL_MS = 2_000;

export const KEYS = {
  all: ['email-notifications'] as const,
  messages: () => [...KEYS.all, 'messages'] as const,
  messageLists: () => [...KEYS.messages(), 'list'] as const,
  messageList: (params: MessageListParams) => [...KEYS.messageLists(), params] as const,
  message: (id: string) => [...KEYS.messages(), 'detail', id] as const,
  health: () => [...KEYS.all, 'health'] as const,
  mailboxOptions: () => [...KEYS.all, 'mailbox-options'] as const,
  settings: () => [...KEYS.all, 'settings'] as const,
  taskGroups: () => [...KEYS.all, 'task-groups'] as const,
  taskGroupList: () => [...KEYS.taskGroups(), 'list'] as const,
  taskGroup: (id: string) => [...KEYS.taskGroups(), 'detail', id] as const,
  templates: () => [...KEYS.all, 'templates'] as const,
  templateList: () => [...KEYS.templates(), 'list'] as const,
  template: (id: string) => [...KEYS.templates(), 'detail', id] as const,
  templateVersions: (id: string) => [...KEYS.templates(), 'versions', id] as const,
  templateDiff: (id: string, version: number) => [...KEYS.templates(), 'diff', id, version] as const,
  templateVariables: (category: string, contentType: string | null) => [...KEYS.templates(), 'variables', category, contentType ?? ''] as const,
  templatePreview: (request: unknown) => [...KEYS.templates(), 'preview', request] as const,
  rules: () => [...KEYS.all, 'rules'] as const,
  ruleList: () => [...KEYS.rules(), 'list'] as const,
  rule: (id: string) => [...KEYS.rules(), 'detail', id] as const,
  rulesMeta: () => [...KEYS.rules(), 'meta'] as const,
  adminRoles: () => [...KEYS.all, 'admin-roles'] as const,
  profile: () => [...KEYS.all, 'profile'] as const,
};

const messagePath = (id: string) => `${BASE}/messages/${encodeURIComponent(id)}`;

export function useMessageList(params: MessageListParams) {
  const { get } = useFetchClient();
  return useQuery(KEYS.messageList(params), async () => (await get<{ data: MessagePage }>(`${BASE}/messages`, { params })).data.data, {
    // Paging or filtering keeps the previous rows on screen until the next ones arrive.
    keepPreviousData: true,
    // A refused filter (400) will not pass on a second try; Refresh is there for the rest.
    retry: false,
  });
}

export function useMessage(id: string) {
  const { get } = useFetchClient();
  return useQuery(KEYS.message(id), async () => (await get<{ data: MessageDetail }>(messagePath(id))).data.data, {
    refetchInterval: (data) => (data && (data.status === 'queued' || data.status === 'sending') ? OPEN_MESSAGE_POLL_MS : false),
    retry: false,
  });
}

export function useOutboxHealth() {
  const { get } = useFetchClient();
  return useQuery(KEYS.health(), async () => (await get<{ data: OutboxHealth }>(`${BASE}/outbox/health`)).data.data, {
    refetchInterval: HEALTH_POLL_MS,
  });
}

/** GET /mailboxes, shared by the hooks below: one request, each picks what it needs with `select`. */
function useMailboxesFetcher() {
  const { get } = useFetchClient();
  return async () => (await get<{ data: Mailbox[] }>(`${BASE}/mailboxes`)).data.data;
}

/** The mailboxes offered by the mailbox filter; only fetched for admins who may read mailboxes. */
export function useMailboxOptions(enabled: boolean) {
  return useQuery(KEYS.mailboxOptions(), useMailboxesFetcher(), {
    enabled,
    select: (mailboxes) => mailboxes.filter((mailbox) => mailbox.direction === 'out').map(({ id, name }) => ({ id, name })),
  });
}

export interface MailboxSummary {
  id: string;
  name: string;
  direction: Mailbox['direction'];
}

/** Every mailbox by id, name and direction, to name a task group's mailboxes and offer the outgoing ones. */
export function useMailboxSummaries() {
  return useQuery(KEYS.mailboxOptions(), useMailboxesFetcher(), {
    select: (mailboxes): MailboxSummary[] => mailboxes.map(({ id, name, direction }) => ({ id, name, direction })),
  });
}

/** Re-reads the list and the health now (the Refresh button). */
export function useRefreshMailLog() {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries(KEYS.messageLists()), client.invalidateQueries(KEYS.health())]);
}

export type MessageAction = 'retry' | 'cancel' | 'delete';

/**
 * Retry, cancel and delete. Each resolves with the updated message (null once deleted) or throws the
 * FetchError (409 when the message changed state meanwhile); lists and health are refreshed either way.
 */
export function useMessageAction() {
  const { post, del } = useFetchClient();
  const client = useQueryClient();
  return useMutation(
    async ({ id, action }: { id: string; action: MessageAction }): Promise<MessageDetail | null> => {
      if (action === 'delete') {
        await del(messagePath(id));
        return null;
      }
      return (await post<{ data: MessageDetail }>(`${messagePath(id)}/${action}`)).data.data;
    },
    {
      onSuccess: (detail, { id }) => {
        if (detail) client.setQueryData(KEYS.message(id), detail);
        else client.removeQueries(KEYS.message(id));
      },
      // Refused: the message changed meanwhile, so show its current state.
      onError: (_error, { id }) => client.invalidateQueries(KEYS.message(id)),
      // Not the detail itself: it was just replaced (or removed, and must not be fetched again).
      onSettled: () => Promise.all([client.invalidateQueries(KEYS.messageLists()), client.invalidateQueries(KEYS.health())]),
    },
  );
}

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

const taskGroupPath = (id: string) => `${BASE}/task-groups/${encodeURIComponent(id)}`;

export function useTaskGroups() {
  const { get } = useFetchClient();
  return useQuery(KEYS.taskGroupList(), async () => (await get<{ data: TaskGroup[] }>(`${BASE}/task-groups`)).data.data);
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
