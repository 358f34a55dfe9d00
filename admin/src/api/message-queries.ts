/*
 * react-query hooks of the messages resource (the Mail log's rows: GET /messages, GET /messages/:id,
 * retry / cancel / delete) and of its outbox health (GET /outbox/health): URLs, response envelopes,
 * polling and which caches a change refreshes. Built on useFetchClient (admin JWT, token refresh).
 * Components call these hooks, never fetch; failures stay FetchErrors.
 */
import { useFetchClient } from '@strapi/strapi/admin';
import { useMutation, useQuery, useQueryClient } from 'react-query';
import type { MessageDetail, MessageListParams, MessagePage, OutboxHealth } from './message-types';
import { KEYS } from './query-keys';

const BASE = '/email-notifications';

/** Health is polled while a page shows it, so a stuck queue shows up without a manual refresh. */
const HEALTH_POLL_MS = 10_000;
/** A queued or sending message is re-read this often on its detail page until it settles. */
const OPEN_MESSAGE_POLL_MS = 2_000;

const messagePath = (id: string) => `${BASE}/messages/${encodeURIComponent(id)}`;

export function useMessageList(params: MessageListParams, enabled = true) {
  const { get } = useFetchClient();
  return useQuery(KEYS.messageList(params), async () => (await get<{ data: MessagePage }>(`${BASE}/messages`, { params })).data.data, {
    enabled,
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

/** Re-reads the list, the health and the Overview's numbers now (the Refresh button). */
export function useRefreshMessages() {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries(KEYS.messageLists()), client.invalidateQueries(KEYS.health()), client.invalidateQueries(KEYS.statsAll())]);
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
