/*
 * Recipient rows of the rule form (a kind and one value) and their translation from and to the rule's
 * `{ address } | { path } | { role } | { subscribers: true } | { resolver }` entries. Pure.
 */
import { RECIPIENT_LISTS, type RecipientEntry, type RecipientList, type Recipients } from '../../api/rule-types';

export const RECIPIENT_KINDS = ['address', 'path', 'role', 'subscribers', 'resolver'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

export interface RecipientRowValues {
  /** Stable React key; never sent. */
  key: number;
  kind: RecipientKind;
  /** Address ("Name <a@b.c>" too), record path, role code or resolver name; unused for subscribers. */
  value: string;
}

export type RecipientRows = Record<RecipientList, RecipientRowValues[]>;

let nextKey = 1;
export const newRecipientRow = (kind: RecipientKind = 'address', value = ''): RecipientRowValues => ({ key: nextKey++, kind, value });

function toRow(entry: RecipientEntry): RecipientRowValues {
  if ('address' in entry) return newRecipientRow('address', entry.name ? `${entry.name} <${entry.address}>` : entry.address);
  if ('path' in entry) return newRecipientRow('path', entry.path);
  if ('role' in entry) return newRecipientRow('role', entry.role);
  if ('resolver' in entry) return newRecipientRow('resolver', entry.resolver);
  return newRecipientRow('subscribers');
}

function toEntry(row: RecipientRowValues): RecipientEntry {
  const value = row.value.trim();
  switch (row.kind) {
    case 'address':
      return { address: value };
    case 'path':
      return { path: value };
    case 'role':
      return { role: value };
    case 'resolver':
      return { resolver: value };
    default:
      return { subscribers: true };
  }
}

export const toRecipientRows = (recipients: Recipients | undefined): RecipientRows => ({
  to: (recipients?.to ?? []).map(toRow),
  cc: (recipients?.cc ?? []).map(toRow),
  bcc: (recipients?.bcc ?? []).map(toRow),
});

export const fromRecipientRows = (rows: RecipientRows): Recipients =>
  Object.fromEntries(RECIPIENT_LISTS.map((list) => [list, rows[list].map(toEntry)])) as Recipients;
