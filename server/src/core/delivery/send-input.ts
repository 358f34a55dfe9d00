/*
 * The arguments of `notifications.send()` (and of the messages the plugin builds itself), validated
 * with zod and normalised into what the outbox stores. Pure.
 */
import { z } from 'zod';
import type { FieldProblem } from '../errors';
import { InputError } from '../errors';
import { zodProblems } from '../zod-problems';
import { dedupeRecipients, parseAddressList, type Address } from './addresses';

const noLineBreaks = (max: number) =>
  z
    .string()
    .max(max)
    .refine((v) => !/[\r\n]/.test(v), 'must not contain line breaks (CR or LF)');

const addressInput = z.union([
  z.string(),
  z.object({ name: z.string().optional(), address: z.string() }),
  z.array(z.union([z.string(), z.object({ name: z.string().optional(), address: z.string() })])),
]);

/** A file to attach, as the outbox stores it: a local path or an http(s) URL, never the bytes. */
export const attachmentInputSchema = z
  .object({
    filename: noLineBreaks(255).pipe(z.string().min(1)),
    contentType: noLineBreaks(255).optional(),
    path: z.string().min(1).max(4096).optional(),
    href: z.string().url().regex(/^https?:\/\//, 'must be an http(s) URL').optional(),
    size: z.number().int().min(0).optional(),
  })
  .strict()
  .refine((a) => Boolean(a.path) !== Boolean(a.href), 'give either a path or an href');

export type AttachmentInput = z.infer<typeof attachmentInputSchema>;

export const MAX_ATTACHMENTS = 20;

/** Headers the plugin sets itself, or that would change the envelope: callers may not set them. */
const RESERVED_HEADERS = new Set(['from', 'to', 'cc', 'bcc', 'subject', 'message-id', 'date', 'content-type', 'content-transfer-encoding', 'mime-version', 'sender', 'return-path']);

export const sendInputSchema = z
  .object({
    to: addressInput,
    cc: addressInput.optional(),
    bcc: addressInput.optional(),
    replyTo: noLineBreaks(320).optional(),
    /** Required unless a template gives it. */
    subject: noLineBreaks(998).pipe(z.string().min(1)).optional(),
    html: z.string().max(5_000_000).optional(),
    text: z.string().max(5_000_000).optional(),
    /** A template name: it renders subject, HTML and text (a subject/html/text given here wins). */
    template: z.string().min(1).max(100).optional(),
    /** Variables for the template, next to site, now, recipient (and record, when `record` is given). */
    data: z.record(z.unknown()).optional(),
    /** Picks the template's locale variant (default: the site's). */
    locale: z.string().min(2).max(20).optional(),
    /** Time zone for dates in the template (default: the site's). */
    timezone: z.string().min(1).max(64).optional(),
    headers: z.record(noLineBreaks(998)).optional(),
    /** Mailbox name or id to send through (else the routing decides). */
    mailbox: z.string().min(1).max(100).optional(),
    taskGroup: z.string().min(1).max(100).optional(),
    /** The record the message is about: its own mailbox (a relation to a mailbox) sends it, and a
     *  mailbox subject prefix such as "RMA#{{number}}" is filled from it. */
    record: z
      .object({
        contentType: z.string().regex(/^(api|plugin)::[a-z0-9-]+\.[a-z0-9-]+$/, 'must be a content type UID such as api::rma.rma'),
        documentId: z.string().min(1).max(64),
      })
      .strict()
      .optional(),
    /** The recipient's IP address, for geo routing (the nearest mailbox sends). */
    recipientIp: z.string().min(2).max(45).regex(/^[0-9a-fA-F:.]+$/, 'must be an IPv4 or IPv6 address').optional(),
    /** Files to attach: a local path or an http(s) URL each (the rule engine attaches record media this way). */
    attachments: z.array(attachmentInputSchema).max(MAX_ATTACHMENTS).optional(),
    /** Same key twice = one message. */
    idempotencyKey: z.string().min(1).max(255).optional(),
    /** Overrides the delivery delay for this message (seconds). */
    delaySeconds: z.number().int().min(0).max(31_536_000).optional(),
    /** Where the message comes from, for the mail log. */
    origin: z
      .object({ type: z.enum(['api', 'rule', 'event', 'strapi-email', 'test', 'smtp-event']) })
      .catchall(z.unknown())
      .optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (!value.template && !value.html && !value.text) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['text'], message: 'give a text or an html body (or both), or a template' });
    }
    if (!value.template && !value.subject) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['subject'], message: 'is required (or give a template)' });
    for (const name of Object.keys(value.headers ?? {})) {
      if (!/^[A-Za-z0-9-]+$/.test(name)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['headers', name], message: 'is not a valid header name' });
      else if (RESERVED_HEADERS.has(name.toLowerCase())) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['headers', name], message: 'is set by the plugin; use the matching send() option instead' });
      }
    }
  });

export type SendInput = z.input<typeof sendInputSchema>;

export interface NormalisedMessage {
  to: Address[];
  cc: Address[];
  bcc: Address[];
  replyTo: string | null;
  subject: string;
  html: string | null;
  text: string | null;
  headers: Record<string, string>;
  requestedMailbox: string | null;
  taskGroup: string | null;
  recipientIp: string | null;
  record: { contentType: string; documentId: string } | null;
  /** To render before queueing; subject/html/text above then hold what the caller gave explicitly. */
  template: { name: string; data: Record<string, unknown>; locale: string | null; timezone: string | null } | null;
  attachments: AttachmentInput[];
  idempotencyKey: string | null;
  delaySeconds: number | null;
  originType: 'api' | 'rule' | 'event' | 'strapi-email' | 'test' | 'smtp-event';
  origin: Record<string, unknown>;
}

/** Every notification says it is automatic, so auto-responders and Exchange do not answer it. */
export const AUTOMATIC_HEADERS = { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' } as const;

export function normaliseSendInput(input: unknown): NormalisedMessage {
  const parsed = sendInputSchema.safeParse(input);
  if (!parsed.success) throw new InputError(zodProblems(parsed.error));
  const value = parsed.data;
  const problems: FieldProblem[] = [];
  const lists = { to: parseAddressList(value.to), cc: parseAddressList(value.cc), bcc: parseAddressList(value.bcc) };
  for (const [field, list] of Object.entries(lists)) {
    for (const bad of list.invalid) problems.push({ path: field, message: `"${bad}" is not a valid email address` });
  }
  if (value.replyTo && !z.string().email().safeParse(value.replyTo).success) {
    problems.push({ path: 'replyTo', message: 'must be a valid email address' });
  }
  const recipients = dedupeRecipients({ to: lists.to.addresses, cc: lists.cc.addresses, bcc: lists.bcc.addresses });
  if (!problems.length && recipients.to.length + recipients.cc.length + recipients.bcc.length === 0) {
    problems.push({ path: 'to', message: 'needs at least one recipient' });
  }
  if (problems.length) throw new InputError(problems);
  const { type: originType, ...origin } = value.origin ?? { type: 'api' as const };
  return {
    ...recipients,
    replyTo: value.replyTo ?? null,
    subject: value.subject ?? '',
    html: value.html ?? null,
    text: value.text ?? null,
    headers: { ...(value.headers ?? {}), ...AUTOMATIC_HEADERS },
    requestedMailbox: value.mailbox ?? null,
    taskGroup: value.taskGroup ?? null,
    recipientIp: value.recipientIp ?? null,
    record: value.record ?? null,
    template: value.template ? { name: value.template, data: value.data ?? {}, locale: value.locale ?? null, timezone: value.timezone ?? null } : null,
    attachments: value.attachments ?? [],
    idempotencyKey: value.idempotencyKey ?? null,
    delaySeconds: value.delaySeconds ?? null,
    originType,
    origin: value.record ? { ...origin, record: value.record } : origin,
  };
}
