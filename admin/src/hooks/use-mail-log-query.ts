/*
 * The Mail log's tab, filters and page live in the URL (so Back from a message and a reload keep
 * them): `?tab=outbox&page=2&pageSize=25&filters[recipient]=...`. This hook reads them and turns them
 * into GET /messages parameters. Filter values are kept under `filters`, which Strapi's Pagination
 * re-encodes when it rewrites the URL; dates are local calendar days (YYYY-MM-DD).
 */
import * as React from 'react';
import { deepEncodeQueryValues, useQueryParams } from '@strapi/strapi/admin';
import type { MessageListParams } from '../api/message-types';

export const MAIL_LOG_TABS = ['sent', 'outbox', 'failed'] as const;
export type MailLogTab = (typeof MAIL_LOG_TABS)[number];
/** The charts next to the log (components/overview); it lists no messages. */
export const OVERVIEW_TAB = 'overview';
export type MailLogView = MailLogTab | typeof OVERVIEW_TAB;

const TAB_STATUSES: Record<MailLogTab, string> = { sent: 'sent', outbox: 'queued,sending', failed: 'failed,cancelled' };

export const PAGE_SIZES = ['10', '25', '50', '100'];
export const DEFAULT_PAGE_SIZE = 25;

export interface MailLogFilters {
  recipient: string;
  mailbox: string;
  since: string;
  until: string;
}

const NO_FILTERS: MailLogFilters = { recipient: '', mailbox: '', since: '', until: '' };

interface UrlQuery {
  tab?: string;
  page?: string;
  pageSize?: string;
  filters?: Partial<Record<keyof MailLogFilters, unknown>>;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A local calendar day as a Date at its first (or last) millisecond; undefined when not a day. */
export function dayToDate(day: string, endOfDay = false): Date | undefined {
  const match = DAY.exec(day);
  if (!match) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  return endOfDay ? new Date(year, month, date, 23, 59, 59, 999) : new Date(year, month, date);
}

export function dateToDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const positive = (value: unknown, fallback: number, max = Number.MAX_SAFE_INTEGER) => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
};
const text = (value: unknown) => (typeof value === 'string' ? value : '');

export function useMailLogQuery() {
  const [{ query }, setQuery] = useQueryParams<UrlQuery>();
  const view: MailLogView = query.tab === OVERVIEW_TAB ? OVERVIEW_TAB : (MAIL_LOG_TABS as readonly string[]).includes(text(query.tab)) ? (query.tab as MailLogTab) : 'sent';
  // The Overview keeps the log's filters for when the admin comes back to a log tab.
  const tab: MailLogTab = view === OVERVIEW_TAB ? 'sent' : view;
  const page = positive(query.page, 1);
  const pageSize = positive(query.pageSize, DEFAULT_PAGE_SIZE, 100);
  const { recipient, mailbox, since, until } = query.filters ?? {};
  const filters: MailLogFilters = React.useMemo(
    () => ({ recipient: text(recipient), mailbox: text(mailbox), since: text(since), until: text(until) }),
    [recipient, mailbox, since, until],
  );

  const params: MessageListParams = React.useMemo(
    () => ({
      status: TAB_STATUSES[tab],
      page,
      pageSize,
      ...(filters.recipient.trim() ? { recipient: filters.recipient.trim() } : {}),
      ...(filters.mailbox ? { mailbox: filters.mailbox } : {}),
      ...(dayToDate(filters.since) ? { since: dayToDate(filters.since)!.toISOString() } : {}),
      ...(dayToDate(filters.until, true) ? { until: dayToDate(filters.until, true)!.toISOString() } : {}),
    }),
    [tab, page, pageSize, filters],
  );

  // Any change of tab or filters starts again at page 1. useQueryParams writes values unencoded.
  const write = React.useCallback(
    (nextTab: MailLogView, nextFilters: MailLogFilters) => {
      const kept = Object.fromEntries(Object.entries(nextFilters).filter(([, value]) => value !== ''));
      setQuery({
        tab: nextTab,
        page: '1',
        pageSize: String(pageSize),
        filters: Object.keys(kept).length ? deepEncodeQueryValues(kept) : undefined,
      });
    },
    [setQuery, pageSize],
  );

  return {
    view,
    tab,
    filters,
    params,
    hasFilters: Object.values(filters).some(Boolean),
    setView: (next: MailLogView) => write(next, filters),
    setFilters: (next: Partial<MailLogFilters>) => write(view, { ...filters, ...next }),
    clearFilters: () => write(view, NO_FILTERS),
  };
}
