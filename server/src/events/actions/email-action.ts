/*
 * The send-email action: the rule's recipients (addresses, admin roles, subscribers, resolvers) are
 * resolved as for notification rules, then one smtp-failure-alert message is queued to them. Nobody
 * to write to is a failure that a retry cannot mend; it never picks a mailbox itself.
 */
import { SMTP_EVENTS_CATEGORY } from '../../core/events/alert-context';
import type { ActionOutcome, ActionRun } from '../../core/events/event-types';
import { recipientResolver, type RecipientResolver, type ResolverContext } from '../../rules/recipient-resolver';
import { alertKey, createAlertQueue, queuedDetail, queueFailure, type AlertDeps } from './alert-email';

export interface EmailActionDeps extends AlertDeps {
  resolvers: Map<string, RecipientResolver>;
}

export function createEmailAction(deps: EmailActionDeps) {
  const recipients = recipientResolver(deps.strapi, deps.resolvers);
  const queueAlert = createAlertQueue(deps);

  return async function runEmail(run: ActionRun): Promise<ActionOutcome> {
    if (run.action.type !== 'email') return { ok: false, retryable: false, error: `a ${run.action.type} action was handed to the email handler` };
    try {
      const ctx: ResolverContext = {
        rule: { id: String(run.rule.id ?? run.rule.name), name: run.rule.name, category: SMTP_EVENTS_CATEGORY },
        record: null, previous: null, contentType: null,
        event: run.event.type,
        payload: run.event as unknown as Record<string, unknown>,
        strapi: deps.strapi,
      };
      const resolved = await recipients.resolve(run.action.recipients, ctx);
      const addresses = [...resolved.to, ...resolved.cc, ...resolved.bcc].map((a) => a.address);
      if (!addresses.length) return { ok: false, retryable: false, error: `no recipient: ${resolved.notes.join('; ') || 'the recipient lists are empty'}` };
      const sent = await queueAlert(run, { to: resolved.to, cc: resolved.cc, bcc: resolved.bcc }, alertKey(run));
      const notes = resolved.notes.length ? ` (${resolved.notes.join('; ')})` : '';
      return { ok: true, detail: `${queuedDetail([sent], addresses)}${notes}` };
    } catch (error) {
      return queueFailure(error);
    }
  };
}
