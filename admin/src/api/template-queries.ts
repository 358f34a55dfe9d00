/*
 * react-query hooks of the templates resource (/templates...): list (and the list the rule form offers),
 * one template, save/delete, versions and diffs, restore, export/import, variables and the live preview.
 * Keys come from query-keys.ts; built on useFetchClient (admin JWT). Components call these hooks, never fetch.
 */
import { useFetchClient } from '@strapi/strapi/admin';
import { useMutation, useQuery, useQueryClient } from 'react-query';
import { KEYS } from './query-keys';
import type {
  ImportResult,
  PreviewRequest,
  PreviewResult,
  Template,
  TemplateBody,
  TemplateCategory,
  TemplateDiff,
  TemplateFile,
  TemplateVariables,
  TemplateVersion,
} from './template-types';

const BASE = '/email-notifications/templates';
const templatePath = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

/** GET /templates, shared by the two list hooks below (one cache entry). */
function useTemplateListFetcher() {
  const { get } = useFetchClient();
  return async () => (await get<{ data: Template[] }>(BASE)).data.data;
}

export function useTemplates() {
  return useQuery(KEYS.templateList(), useTemplateListFetcher());
}

/**
 * The templates the rule form offers: the list page's key and shape, but without retries, as an admin
 * who may not read templates gets a refusal at once and types the name instead.
 */
export function useTemplateChoices() {
  return useQuery(KEYS.templateList(), useTemplateListFetcher(), { retry: false });
}

/** One template; `id` undefined means a new template, nothing to load. */
export function useTemplate(id: string | undefined) {
  const { get } = useFetchClient();
  return useQuery(KEYS.template(id ?? ''), async () => (await get<{ data: Template }>(templatePath(id!))).data.data, {
    enabled: id !== undefined,
    retry: false,
  });
}

/** What a template of `category` (and content type) may name, the fields it may not, and the content types. */
export function useTemplateVariables(category: TemplateCategory, contentType: string | null) {
  const { get } = useFetchClient();
  return useQuery(
    KEYS.templateVariables(category, contentType),
    async () => (await get<{ data: TemplateVariables }>(`${BASE}/variables`, { params: { category, ...(contentType ? { contentType } : {}) } })).data.data,
    { keepPreviousData: true, staleTime: 60_000 },
  );
}

/** Renders unsaved fields; `request` null while there is nothing to render. A bad request (unknown record) is an error. */
export function useTemplatePreview(request: PreviewRequest | null) {
  const { post } = useFetchClient();
  return useQuery(KEYS.templatePreview(request), async () => (await post<{ data: PreviewResult }>(`${BASE}/preview`, request)).data.data, {
    enabled: request !== null,
    keepPreviousData: true,
    retry: false,
    // One entry per pause in typing: the same fields render the same, and old renders go soon.
    staleTime: Infinity,
    cacheTime: 60_000,
  });
}

/** Stores a saved template and refreshes what a save changes: the list, its versions and diffs. */
function useStoreTemplate() {
  const client = useQueryClient();
  return (template: Template) => {
    client.setQueryData(KEYS.template(template.id), template);
    return Promise.all([
      client.invalidateQueries(KEYS.templateList()),
      client.invalidateQueries(KEYS.templateVersions(template.id)),
      client.invalidateQueries([...KEYS.templates(), 'diff', template.id]),
    ]);
  };
}

/** Creates (no `id`) or updates a template; resolves with the stored one or throws the FetchError (400, 409). */
export function useSaveTemplate() {
  const { post, put } = useFetchClient();
  const store = useStoreTemplate();
  return useMutation(
    async ({ id, body }: { id?: string; body: TemplateBody }) =>
      id ? (await put<{ data: Template }>(templatePath(id), body)).data.data : (await post<{ data: Template }>(BASE, body)).data.data,
    { onSuccess: store },
  );
}

export function useDeleteTemplate() {
  const { del } = useFetchClient();
  const client = useQueryClient();
  return useMutation(
    async (id: string) => {
      await del(templatePath(id));
    },
    {
      onSuccess: (_nothing, id) => client.removeQueries(KEYS.template(id)),
      onSettled: () => client.invalidateQueries(KEYS.templateList()),
    },
  );
}

export function useTemplateVersions(id: string, enabled: boolean) {
  const { get } = useFetchClient();
  return useQuery(KEYS.templateVersions(id), async () => (await get<{ data: TemplateVersion[] }>(`${templatePath(id)}/versions`)).data.data, { enabled });
}

/** The diff from `version` to the current template; `version` null: none asked for. */
export function useTemplateDiff(id: string, version: number | null) {
  const { get } = useFetchClient();
  return useQuery(
    KEYS.templateDiff(id, version ?? 0),
    async () => (await get<{ data: TemplateDiff }>(`${templatePath(id)}/versions/${version}/diff`)).data.data,
    { enabled: version !== null, retry: false },
  );
}

/** Restores a previous version (`version`) or, for a built-in, its default (`version` omitted): a new version either way. */
export function useRestoreTemplate() {
  const { post } = useFetchClient();
  const store = useStoreTemplate();
  return useMutation(
    async ({ id, version }: { id: string; version?: number }) =>
      (await post<{ data: Template }>(version === undefined ? `${templatePath(id)}/restore-default` : `${templatePath(id)}/versions/${version}/restore`)).data.data,
    { onSuccess: store },
  );
}

/** The files of one template (`id`) or of all templates (no `id`), fetched when asked for. */
export function useExportTemplates() {
  const { get } = useFetchClient();
  return async (id?: string): Promise<TemplateFile[]> =>
    (await get<{ data: { files: TemplateFile[] } }>(id ? `${templatePath(id)}/export` : `${BASE}/export`)).data.data.files;
}

/** Imports .mjml + .json pairs: all are checked before any is written (a 400 names the file at fault). */
export function useImportTemplates() {
  const { post } = useFetchClient();
  const client = useQueryClient();
  return useMutation(async (files: TemplateFile[]) => (await post<{ data: ImportResult[] }>(`${BASE}/import`, { files })).data.data, {
    onSuccess: () => client.invalidateQueries(KEYS.templates()),
  });
}
