/*
 * react-query hooks of the SMTP event rules resource (/smtp-event-rules...): list, one rule, meta,
 * save / delete, the enabled switch, a new web-hook secret, "fire a test event" and a rule's action
 * history. Keys come from query-keys.ts; built on useFetchClient (admin JWT). Failures stay FetchErrors.
 */
import { useFetchClient } from '@strapi/strapi/admin';
import { useMutation, useQuery, useQueryClient } from 'react-query';
import { KEYS } from './query-keys';
import type { EventRule, EventRuleBody, EventRuleSaved, EventRulesMeta, HistoryPage, RunStatus, TestEventResult } from './event-rule-types';

const BASE = '/email-notifications/smtp-event-rules';
const rulePath = (id: number | string) => `${BASE}/${encodeURIComponent(String(id))}`;
/** While a run is in one of these, its history is read again every second. */
const IN_FLIGHT: readonly RunStatus[] = ['queued', 'running', 'retrying'];

/** The body PUT takes: the rule without what the server owns (id, source, stats, secret flag). */
export function toEventRuleBody(rule: EventRule): EventRuleBody {
  const { name, enabled, eventType, conditions, maxFrequencyMinutes, actions } = rule;
  return { name, enabled, eventType, conditions, maxFrequencyMinutes, actions };
}

export function useEventRules() {
  const { get } = useFetchClient();
  return useQuery(KEYS.eventRuleList(), async () => (await get<{ results: EventRule[] }>(BASE)).data.results);
}

/** One rule; `id` undefined means a new rule, nothing to load. */
export function useEventRule(id: string | undefined) {
  const { get } = useFetchClient();
  return useQuery(KEYS.eventRule(id ?? ''), async () => (await get<{ data: EventRule }>(rulePath(id!))).data.data, {
    enabled: id !== undefined,
    retry: false,
  });
}

export function useEventRulesMeta() {
  const { get } = useFetchClient();
  return useQuery(
    KEYS.eventRulesMeta(),
    async () => {
      const body = (await get<EventRulesMeta | { data: EventRulesMeta }>(`${BASE}/meta`)).data;
      return 'data' in body ? body.data : body;
    },
    { staleTime: 60_000 },
  );
}

function useStoreRule() {
  const client = useQueryClient();
  return (saved: EventRuleSaved) => {
    client.setQueryData(KEYS.eventRule(String(saved.data.id)), saved.data);
    return client.invalidateQueries(KEYS.eventRuleList());
  };
}

/** Creates (no `id`) or replaces a rule; resolves with the stored rule and a secret made by this save. */
export function useSaveEventRule() {
  const { post, put } = useFetchClient();
  const store = useStoreRule();
  return useMutation(
    async ({ id, body }: { id?: number | string; body: EventRuleBody }) =>
      id === undefined ? (await post<EventRuleSaved>(BASE, body)).data : (await put<EventRuleSaved>(rulePath(id), body)).data,
    { onSuccess: store },
  );
}

/** The list's switch: PUT of the whole rule with `enabled` flipped. */
export function useSetEventRuleEnabled() {
  const { put } = useFetchClient();
  const store = useStoreRule();
  const client = useQueryClient();
  return useMutation(
    async ({ rule, enabled }: { rule: EventRule; enabled: boolean }) => (await put<EventRuleSaved>(rulePath(rule.id), { ...toEventRuleBody(rule), enabled })).data,
    { onSuccess: store, onError: () => client.invalidateQueries(KEYS.eventRuleList()) },
  );
}

export function useDeleteEventRule() {
  const { del } = useFetchClient();
  const client = useQueryClient();
  return useMutation(
    async (id: number | string) => {
      await del(rulePath(id));
    },
    {
      onSuccess: (_nothing, id) => client.removeQueries(KEYS.eventRule(String(id))),
      onSettled: () => client.invalidateQueries(KEYS.eventRuleList()),
    },
  );
}

/** Replaces the rule's web-hook secret; the answer is the only time the new one is seen. */
export function useNewWebhookSecret(id: number | string) {
  const { post } = useFetchClient();
  const client = useQueryClient();
  return useMutation(async () => (await post<{ webhookSecret: string }>(`${rulePath(id)}/webhook-secret`)).data.webhookSecret, {
    onSettled: () => client.invalidateQueries(KEYS.eventRule(String(id))),
  });
}

/** Fires a sample event marked as a test; the rule's history and stats change, so both are read again. */
export function useFireTestEvent(id: number | string) {
  const { post } = useFetchClient();
  const client = useQueryClient();
  return useMutation(async () => (await post<TestEventResult>(`${rulePath(id)}/test`)).data, {
    onSettled: () =>
      Promise.all([client.invalidateQueries(KEYS.eventRuleHistories(String(id))), client.invalidateQueries(KEYS.eventRule(String(id))), client.invalidateQueries(KEYS.eventRuleList())]),
  });
}

/** One page of the rule's action runs, newest first; read again every second while one is unfinished. */
export function useEventRuleHistory(id: number | string, page: number, pageSize: number) {
  const { get } = useFetchClient();
  return useQuery(
    KEYS.eventRuleHistory(String(id), page, pageSize),
    async () => (await get<HistoryPage>(`${rulePath(id)}/history`, { params: { page, pageSize } })).data,
    {
      keepPreviousData: true,
      refetchInterval: (data) => (data?.results.some((run) => IN_FLIGHT.includes(run.status)) ? 1000 : false),
    },
  );
}
