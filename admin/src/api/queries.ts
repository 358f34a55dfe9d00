/*
 * react-query hooks of the Mail log and Options pages, and the only owner of their query keys: URLs,
 * response envelopes, polling and which caches a change invalidates. Built on Strapi's useFetchClient
 * (admin JWT, token refresh). Components call these hooks, never fetch; failures stay FetchErrors.
 */
import { useFetchClient } from '@strapi/strapi/admin';
import { useMutation, useQuery, useQueryClient } from 'react-query';
import type { MessageDetail, MessageListParams, MessagePage, OutboxHealth, SettingsUpdate, SettingsView } from './mail-log-types';
import type { Mailbox } from './types';

const BASE = '/email-notifications';

/** Health is polled while a page shows it, so a stuck queue shows up without a manual refresh. */
const HEALTH_POLL_MS = 10_000;
/** A queued or sending message is re-read this often on its detail page until it settles. */
const OPEN_MESSAGE_POLL_MS = 2_000;

const KEYS = {
  all: ['email-notifications'] as const,
  messages: () => [...KEYS.all, 'messages'] as const,
  messageLists: () => [...KEYS.messages(), 'list'] as const,
  messageList: (params: MessageListParams) => [...KEYS.messageLists(), params] as const,
  message: (id: string) => [...KEYS.messages(), 'detail', id] as const,
  health: () => [...KEYS.all, 'health'] as const,
  mailboxOptions: () => [...KEYS.all, 'mailbox-options'] as const,
  settings: () => [...KEYS.all, 'settings'] as const,
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

/** The mailboxes offered by the mailbox filter; only fetched for admins who may read mailboxes. */
export function useMailboxOptions(enabled: boolean) {
  const { get } = useFetchClient();
  return useQuery(KEYS.mailboxOptions(), async () => (await get<{ data: Mailbox[] }>(`${BASE}/mailboxes`)).data.data, {
    enabled,
    select: (mailboxes) => mailboxes.filter((mailbox) => mailbox.direction === 'out').map(({ id, name }) => ({ id, name })),
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
