/*
 * Hooks of the mailboxes resource (/mailboxes..., /test-email): the Mailboxes pages' list, one mailbox,
 * writes and the Check / Send test email tools (loaded with useLoad below), and the mailbox lists other
 * pages offer (react-query, under KEYS). Built on useFetchClient (admin JWT, token refresh). Components
 * call these hooks, never fetch; failures stay FetchErrors.
 */
import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { useQuery } from 'react-query';
import type {
  ConnectionOverrides,
  Mailbox,
  MailboxBody,
  MailboxListItem,
  MailboxSummary,
  OAuthProviders,
  OAuthStart,
  ProbeResult,
  TestEmailRequest,
  TestEmailResult,
} from './mailbox-types';
import { KEYS } from './query-keys';

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
      /** Starts "Sign in with …": the provider's sign-in URL the browser goes to next. */
      startOAuthSignIn: async (id: string) => (await post<{ data: OAuthStart }>(`${BASE}/mailboxes/${encodeURIComponent(id)}/oauth/start`, {})).data.data,
    }),
    [post, put, del],
  );
}

/** The redirect URI to register with the provider, and each provider's endpoints and scopes. */
export function useOAuthProviders() {
  const { get } = useFetchClient();
  return useLoad('oauth-providers', async () => (await get<{ data: OAuthProviders }>(`${BASE}/oauth/providers`)).data.data);
}

/** GET /mailboxes, shared by the hooks below: one request, each picks what it needs with `select`. */
function useMailboxesFetcher() {
  const { get } = useFetchClient();
  return async () => (await get<{ data: Mailbox[] }>(`${BASE}/mailboxes`)).data.data;
}

/** The mailboxes offered by the mailbox filter; only fetched for admins who may read mailboxes. */
export function useMailboxOptions(enabled: boolean) {
  return useQuery(KEYS.mailboxList(), useMailboxesFetcher(), {
    enabled,
    select: (mailboxes) => mailboxes.filter((mailbox) => mailbox.direction === 'out').map(({ id, name }) => ({ id, name })),
  });
}

/** Every mailbox by id, name and direction, to name a task group's mailboxes and offer the outgoing ones. */
export function useMailboxSummaries() {
  return useQuery(KEYS.mailboxList(), useMailboxesFetcher(), {
    select: (mailboxes): MailboxSummary[] => mailboxes.map(({ id, name, direction }) => ({ id, name, direction })),
  });
}

/** Outgoing mailbox names the rule form offers; no retries, as an admin who may not read mailboxes types the name instead. */
export function useMailboxChoices() {
  return useQuery(KEYS.mailboxList(), useMailboxesFetcher(), {
    retry: false,
    select: (mailboxes) => mailboxes.filter((mailbox) => mailbox.direction === 'out').map((mailbox) => mailbox.name),
  });
}
