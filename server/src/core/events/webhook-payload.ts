/*
 * The JSON body of a web page action, shaped as Standard Webhooks suggests (type, timestamp, data):
 * the event, the rule, the folded events and the test flag. Pure; signing and sending happen in
 * events/actions/webhook-action.ts.
 */
import type { ActionRun } from './event-types';

export function webhookPayload(run: ActionRun, now: Date) {
  return {
    type: `smtp-event.${run.event.type}`,
    timestamp: now.toISOString(),
    data: { rule: run.rule, event: run.event, folded: run.folded, test: run.event.test, runId: run.runId, attempt: run.attempt },
  };
}
