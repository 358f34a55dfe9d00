/*
 * react-query hooks of the rules resource (/rules...): list, one rule, save/delete, the enabled switch,
 * meta, dry run, "run now", and Strapi's admin roles that rules name. Keys come from query-keys.ts; built
 * on useFetchClient (admin JWT). Components call these hooks, never fetch; failures stay FetchErrors.
 */
import { useFetchClient } from '@strapi/strapi/admin';
import { useMutation, useQuery, useQueryClient } from 'react-query';
import { KEYS } from './query-keys';
import type { AdminRole, DryRunRequest, DryRunResult, Rule, RuleBody, RulesMeta, RunResult } from './rule-types';

const BASE = '/email-notifications';
const rulePath = (id: string) => `${BASE}/rules/${encodeURIComponent(id)}`;

/** The body PUT takes: the rule without what the server owns (id, stats, managedBy, timestamps). */
export function toRuleBody(rule: Rule): RuleBody {
  const { id: _id, stats: _stats, managedBy: _managedBy, createdAt: _createdAt, updatedAt: _updatedAt, ...body } = rule;
  return body;
}

export function useRules() {
  const { get } = useFetchClient();
  return useQuery(KEYS.ruleList(), async () => (await get<{ data: Rule[] }>(`${BASE}/rules`)).data.data);
}

/** One rule; `id` undefined means a new rule, nothing to load. */
export function useRule(id: string | undefined) {
  const { get } = useFetchClient();
  return useQuery(KEYS.rule(id ?? ''), async () => (await get<{ data: Rule }>(rulePath(id!))).data.data, {
    enabled: id !== undefined,
    retry: false,
  });
}

export function useRulesMeta() {
  const { get } = useFetchClient();
  return useQuery(KEYS.rulesMeta(), async () => (await get<{ data: RulesMeta }>(`${BASE}/rules/meta`)).data.data, { staleTime: 60_000 });
}

/** Strapi's admin roles, for `{ role }` recipients; an admin who may not read roles types the code instead. */
export function useAdminRoles() {
  const { get } = useFetchClient();
  return useQuery(KEYS.adminRoles(), async () => (await get<{ data: AdminRole[] }>('/admin/roles')).data.data, {
    retry: false,
    staleTime: 60_000,
  });
}

function useStoreRule() {
  const client = useQueryClient();
  return (rule: Rule) => {
    client.setQueryData(KEYS.rule(rule.id), rule);
    return client.invalidateQueries(KEYS.ruleList());
  };
}

/** Creates (no `id`) or replaces a rule; resolves with the stored rule or throws the FetchError (400, 409). */
export function useSaveRule() {
  const { post, put } = useFetchClient();
  const store = useStoreRule();
  return useMutation(
    async ({ id, body }: { id?: string; body: RuleBody }) =>
      id ? (await put<{ data: Rule }>(rulePath(id), body)).data.data : (await post<{ data: Rule }>(`${BASE}/rules`, body)).data.data,
    { onSuccess: store },
  );
}

/** The list's switch: PUT of the whole rule with `enabled` flipped. */
export function useSetRuleEnabled() {
  const { put } = useFetchClient();
  const store = useStoreRule();
  const client = useQueryClient();
  return useMutation(
    async ({ rule, enabled }: { rule: Rule; enabled: boolean }) => (await put<{ data: Rule }>(rulePath(rule.id), { ...toRuleBody(rule), enabled })).data.data,
    { onSuccess: store, onError: () => client.invalidateQueries(KEYS.ruleList()) },
  );
}

export function useDeleteRule() {
  const { del } = useFetchClient();
  const client = useQueryClient();
  return useMutation(
    async (id: string) => {
      await del(rulePath(id));
    },
    {
      onSuccess: (_nothing, id) => client.removeQueries(KEYS.rule(id)),
      onSettled: () => client.invalidateQueries(KEYS.ruleList()),
    },
  );
}

/** What the saved rule would do with a record; sends nothing. */
export function useDryRun(id: string) {
  const { post } = useFetchClient();
  return useMutation(async (request: DryRunRequest) => (await post<{ data: DryRunResult }>(`${rulePath(id)}/dry-run`, request)).data.data);
}

/** Runs a schedule or time rule now; its stats change, so the rule and the list are read again. */
export function useRunRule(id: string) {
  const { post } = useFetchClient();
  const client = useQueryClient();
  return useMutation(async () => (await post<{ data: RunResult }>(`${rulePath(id)}/run`)).data.data, {
    onSettled: () => Promise.all([client.invalidateQueries(KEYS.rule(id)), client.invalidateQueries(KEYS.ruleList())]),
  });
}
