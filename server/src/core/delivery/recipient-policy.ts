/*
 * A mailbox's recipient policy applied to a message: the exclude expression removes recipients, and
 * each removal is recorded with its reason. Pure.
 */
import { isExcluded } from '../mailboxes/exclude-expression';
import type { Address } from './addresses';

export interface BlockedRecipient {
  address: string;
  reason: string;
}

export function applyExcludeExpression(
  lists: { to: Address[]; cc: Address[]; bcc: Address[] },
  excludeExpression: string | null | undefined,
  mailboxName: string,
): { to: Address[]; cc: Address[]; bcc: Address[]; blocked: BlockedRecipient[] } {
  const blocked: BlockedRecipient[] = [];
  const keep = (list: Address[]) =>
    list.filter((a) => {
      if (!isExcluded(a.address, excludeExpression)) return true;
      blocked.push({ address: a.address, reason: `matches the exclude expression of mailbox "${mailboxName}"` });
      return false;
    });
  return { to: keep(lists.to), cc: keep(lists.cc), bcc: keep(lists.bcc), blocked };
}

/** For a mailbox that sends only to registered users: removes the others, saying why. */
export function applyRegisteredOnly(
  lists: { to: Address[]; cc: Address[]; bcc: Address[] },
  registered: Set<string>,
  mailboxName: string,
): { to: Address[]; cc: Address[]; bcc: Address[]; blocked: BlockedRecipient[] } {
  const blocked: BlockedRecipient[] = [];
  const keep = (list: Address[]) =>
    list.filter((a) => {
      if (registered.has(a.address.toLowerCase())) return true;
      blocked.push({ address: a.address, reason: `is not a registered user, and mailbox "${mailboxName}" sends only to registered users` });
      return false;
    });
  return { to: keep(lists.to), cc: keep(lists.cc), bcc: keep(lists.bcc), blocked };
}
