/*
 * The Overview's filters (mailbox, task group) live in the URL next to the Mail log's tab, so a reload
 * keeps them: `?tab=overview&overview[mailbox]=...&overview[taskGroup]=...`. Reads and writes them only.
 */
import * as React from 'react';
import { deepEncodeQueryValues, useQueryParams } from '@strapi/strapi/admin';

export interface OverviewFilters {
  mailbox: string;
  taskGroup: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export function useOverviewFilters() {
  const [{ query }, setQuery] = useQueryParams<{ overview?: Partial<Record<keyof OverviewFilters, unknown>> }>();
  const { mailbox, taskGroup } = query.overview ?? {};
  const filters: OverviewFilters = React.useMemo(() => ({ mailbox: text(mailbox), taskGroup: text(taskGroup) }), [mailbox, taskGroup]);
  const setFilters = (next: Partial<OverviewFilters>) => {
    const kept = Object.fromEntries(Object.entries({ ...filters, ...next }).filter(([, value]) => value !== ''));
    // useQueryParams writes values unencoded.
    setQuery({ overview: Object.keys(kept).length ? deepEncodeQueryValues(kept) : undefined });
  };
  return { filters, setFilters };
}
