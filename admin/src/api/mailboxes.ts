/*
 * The only module that talks to the plugin's admin routes: URLs, response envelopes and loading state.
 * Built on Strapi's useFetchClient (admin JWT, token refresh). Components call these hooks, never fetch.
 */
import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type { Mailbox, MailboxBody, MailboxListItem, ConnectionOverrides, ProbeResult, TestEmailRequest, TestEmailResult } from './types';

const BASE = '/email-notifications';

interface Loadable<T> {
  data: T | undefined;
  error: unknown;
  isLoading: boolean;
  reload: () => Promise<void>;
}

/**
 * Loads `load()` on mount and whenever `key` changes; `reload` refreshes without clearing the data.
 * The state remembers which key it belongs to, so a new key never shows the previous key's data.
 */
function useLoad<T>(key: string | null, load: () => Promise<T>): Loadable<T> {
  const [state, setState] = React.useState<{ key: string | null; data?: T; error?: unknown; done: boolean }>({ key, done: false });
  const loadRef = React.useRef(load);
  loadRef.current = load;
  const generation = React.useRef(0);

  const reload = React.useCallback(async () => {
    if (key === null) return;
    // A later request wins: an answer for an earlier key must not overwrite the current one.
    const mine = ++generation.current;
    try {
      const data = await loadRef.current();
      if (mine === generation.current) setState({ key, data, done: true });
    } catch (error) {
      if (mine === generation.current) {
        setState((previous) => ({ key, data: previous.key === key ? previous.data : undefined, error, done: true }));
      }
    }
  }, [key]);

  React.useEffect(() => {
    void reload();
  }, [reload]);

  const current = state.key === key;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    isLoading: key !== null && !(current && state.done),
    reload,
  };
}

export function useMailboxList() {
  const { get } = useFetchClient();
  return useLoad('mailboxes', async () => (await get<{ data: MailboxListItem[] }>(`${BASE}/mailboxes`)).data.data);
}

/** One mailbox; `id` undefined means a new mailbox, nothing to load. */
export function useMailbox(id: string | undefined) {
  const { get } = useFetchClient();
  return useLoad(id ?? null, async () => (await get<{ data: Mailbox }>(`${BASE}/mailboxes/${encodeURIComponent(id!)}`)).data.data);
}

/** Writes and debugging tools. Each call resolves with the server's `data` or throws a FetchError. */
export function useMailboxActions() {
  const { post, put, del } = useFetchClient();
  return React.useMemo(
    () => ({
      create: async (body: MailboxBody) => (await post<{ data: Mailbox }>(`${BASE}/mailboxes`, body)).data.data,
      update: async (id: string, body: MailboxBody) =>
        (await put<{ data: Mailbox }>(`${BASE}/mailboxes/${encodeURIComponent(id)}`, body)).data.data,
      remove: async (id: string) => {
        await del(`${BASE}/mailboxes/${encodeURIComponent(id)}`);
      },
      verify: async (id: string, overrides?: ConnectionOverrides) =>
        (await post<{ data: ProbeResult }>(`${BASE}/mailboxes/${encodeURIComponent(id)}/verify`, overrides ? { mailbox: overrides } : {})).data
          .data,
      sendTestEmail: async (request: TestEmailRequest) => (await post<{ data: TestEmailResult }>(`${BASE}/test-email`, request)).data.data,
    }),
    [post, put, del],
  );
}
