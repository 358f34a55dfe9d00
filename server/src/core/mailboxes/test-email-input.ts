/*
 * Request bodies of the debugging tools: "Check" and "Send test email". Either a saved mailbox
 * (`mailboxId`), unsaved settings (`mailbox`), or both: the form's unsaved changes over a saved
 * mailbox, whose stored secrets are used where the form leaves them out; or `route`, and routing
 * chooses the mailbox as it would for a rule's message.
 */
import { z } from 'zod';
import { routeHintsSchema } from '../routing/dry-run-input';
import { headerSafeString, mailboxFieldsSchema } from './mailbox-input';

const overridesSchema = mailboxFieldsSchema
  .pick({
    fromAddress: true,
    displayName: true,
    host: true,
    port: true,
    security: true,
    tlsRejectUnauthorized: true,
    authType: true,
    authUser: true,
    password: true,
    oauthProvider: true,
    oauthTenant: true,
    oauthClientId: true,
    oauthClientSecret: true,
    oauthRefreshToken: true,
    oauthAccessUrl: true,
    oauthScope: true,
    subjectPrefix: true,
  })
  .partial()
  // The admin form sends the whole mailbox; fields that do not affect the connection are ignored.
  .passthrough();

export const verifyInputSchema = z
  .object({ mailbox: overridesSchema.optional() })
  .strict();

export const testEmailInputSchema = z
  .object({
    mailboxId: z.string().min(1).max(64).optional(),
    mailbox: overridesSchema.optional(),
    to: z.string().trim().max(320).refine((v) => !/[\r\n]/.test(v), 'must not contain line breaks').pipe(z.string().email()),
    subject: headerSafeString(200).optional(),
    /** "Route it as a rule would": the mailbox is chosen by routing (task group, recipient IP), not named. */
    route: routeHintsSchema.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.route && (value.mailboxId || value.mailbox)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['route'], message: 'routing chooses the mailbox: leave out mailboxId and mailbox, or leave out route' });
    }
    if (!value.mailboxId && !value.mailbox && !value.route) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['mailboxId'], message: 'give a saved mailbox id, unsaved settings in "mailbox", or "route" to let routing choose' });
    }
    if (!value.mailboxId && value.mailbox) {
      for (const field of ['host', 'fromAddress'] as const) {
        if (!value.mailbox[field]) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['mailbox', field], message: 'is required' });
      }
    }
  });

export type TestEmailInput = z.infer<typeof testEmailInputSchema>;
export type ConnectionOverrides = z.infer<typeof overridesSchema>;
