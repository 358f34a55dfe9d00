/*
 * The JSON body of a web page call: Standard Webhooks' `{ type, timestamp, data }` envelope with the
 * rule, the event and what the max-frequency window folded into this run. Pure; signing and sending
 * are the web page action's (events/actions/), which must send exactly this.
 */
import type { ActionRun, FoldedEvents, SmtpEvent } from './event-types';

export interface WebhookPayload {
  /** `smtp.connection-failed`, `smtp.delivery-failed`, `smtp.final-delivery-failed`, `smtp.pop-login-failed`. */
  type: string;
  /** ISO 8601: when the event happened. */
  timestamp: string;
  data: {
    runId: string;
    rule: { id: number | string | null; name: string };
    test: boolean;
    event: SmtpEvent;
    folded: FoldedEvents | null;
  };
}

export function webhookPayload(run: ActionRun): WebhookPayload {
  return {
    type: `smtp.${run.event.type}`,
    timestamp: run.event.at,
    data: { runId: run.runId, rule: run.rule, test: run.event.test, event: run.event, folded: run.folded },
  };
}
