/*
 * The name shown for a mailbox id in task group screens. A group may still name a mailbox that was
 * deleted since: it is shown as unknown with its id rather than hidden, so the admin can remove it.
 */
import type { MailboxSummary } from '../api/mailbox-types';
import type { Translate } from './use-t';

export function mailboxLabel(id: string, mailboxes: readonly MailboxSummary[], t: Translate): string {
  return mailboxes.find((mailbox) => mailbox.id === id)?.name ?? t('email-notifications.taskGroupForm.mailboxes.unknown', { id });
}
