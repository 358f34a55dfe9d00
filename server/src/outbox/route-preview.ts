/*
 * The routing dry run and "route it as a rule would" for test emails: the outbox's own routing
 * decision for a message that is never queued, with the chosen mailbox's recipient policy applied to
 * the address. Sends nothing and writes nothing.
 */
import { applyExcludeExpression } from '../core/delivery/recipient-policy';
import { parseInput } from '../core/parse-input';
import { dryRunInputSchema, routeAnswer, type RouteAnswer, type RouteHints } from '../core/routing/dry-run-input';
import type { RoutedMessage } from '../routing/mailbox-directory';
import type { Selection } from '../core/routing/select-mailbox';

export interface RoutePreviewDeps {
  routePreview(message: RoutedMessage): Promise<Selection>;
  /** The exclude expression of a mailbox, to tell whether it would remove the recipient. */
  excludeExpressionOf(mailboxId: string): Promise<string | null>;
}

export function createRoutePreview(deps: RoutePreviewDeps) {
  /** The mailbox a message with these hints would go through now (the test email uses it as a rule would). */
  async function route(hints: RouteHints & { mailbox?: string }): Promise<RouteAnswer> {
    const selection = await deps.routePreview({ requestedMailbox: hints.mailbox ?? null, taskGroup: hints.taskGroup ?? null, recipientIp: hints.recipientIp ?? null });
    return routeAnswer(selection);
  }

  return {
    route,
    /** `POST routing/dry-run`: the route, plus whether the chosen mailbox's exclude expression would remove `to`. */
    async dryRun(body: unknown): Promise<RouteAnswer & { recipientRemoved: string | null }> {
      const input = parseInput(dryRunInputSchema, body);
      const answer = await route(input);
      if (!answer.mailbox) return { ...answer, recipientRemoved: null };
      const expression = await deps.excludeExpressionOf(answer.mailbox.id);
      const { blocked } = applyExcludeExpression({ to: [{ address: input.to, name: '' }], cc: [], bcc: [] }, expression, answer.mailbox.name);
      return { ...answer, recipientRemoved: blocked[0] ? `${blocked[0].address} ${blocked[0].reason}` : null };
    },
  };
}

export type RoutePreview = ReturnType<typeof createRoutePreview>;
