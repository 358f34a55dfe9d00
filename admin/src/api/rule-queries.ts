/*
 * react-query hooks of the Rules pages and the notification profile: list, one rule, save/delete, the
 * enabled switch, meta, admin roles, dry run, "run now", profile. Keys come from KEYS in queries.ts; built
 * on useFetchClient (admin JWT). Components call these hooks, never fetch; failures stay FetchErrors.
 */
import { useFetchClient } from '@strapi/strapi/admin';
import { useMutation, useQuery, useQueryClient } from 'react-query';
import { KEYS } from './queries';
import type { AdminRole, DryRunRequest, DryRunResult, NotificationProfile, NotificationProfileBody, Rule, RuleBody, RulesMeta, RunResult } from './rule-types';
import type { TaskGroup } from './task-group-types';
import type { Template } from './template-types';

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

/**
 * The lists the rule form offers (templates, task groups) under their own pages' keys and shapes, but
 * without retries: an admin who may not read them gets a refusal at once and types the name instead.
 */
export function useRuleFormTemplates() {
  const { get } = useFetchClient();
  return useQuery(KEYS.templateList(), async () => (await get<{ data: Template[] }>(`${BASE}/templates`)).data.data, { retry: false });
}

export function useRuleFormTaskGroups() {
  const { get } = useFetchClient();
  return useQuery(KEYS.taskGroupList(), async () => (await get<{ data: TaskGroup[] }>(`${BASE}/task-groups`)).data.data, { retry: false });
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

export function useNotificationProfile() {
  const { get } = useFetchClient();
  return useQuery(KEYS.profile(), async () => (await get<{ data: NotificationProfile }>(`${BASE}/profile`)).data.data);
}

export function useSaveNotificationProfile() {
  const { put } = useFetchClient();
  const client = useQueryClient();
  return useMutation(async (body: NotificationProfileBody) => (await put<{ data: NotificationProfile }>(`${BASE}/profile`, body)).data.data, {
    onSuccess: (profile) => {
      client.setQueryData(KEYS.profile(), profile);
    },
  });
}
