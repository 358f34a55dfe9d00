/*
 * Who a rule writes to: to/cc/bcc lists of entries (a fixed address, a record path, an admin role,
 * the category's subscribers, a developer's resolver) and their checks against the content model.
 * Pure: resolving entries to addresses at send time happens elsewhere; nothing here reads records.
 */
import { z } from 'zod';
import type { FieldProblem } from '../errors';
import { parseAddressList } from '../delivery/addresses';
import { privacyRefusal, resolveFieldPath } from '../schema/content-model';
import { describeAttribute, suggestField } from './field-kinds';
import type { ModelCheckOptions } from './rule-trigger';
import { EVENT_NAME, fieldPathSchema } from './rule-trigger';
import { dispatch, isPlainObject } from './zod-dispatch';

const NO_LINE_BREAKS = (value: string) => !/[\r\n]/.test(value);
const ADMIN_USER = 'admin::user';

export type RecipientEntry = { address: string; name?: string } | { path: string } | { role: string } | { subscribers: true } | { resolver: string };

const addressEntrySchema = z
  .object({
    address: z.string().max(320),
    name: z.string().max(200).refine(NO_LINE_BREAKS, 'must not contain line breaks').optional(),
  })
  .strict()
  .transform((entry, ctx) => {
    // "RMA team <rma@example.com>" is accepted too; the name in angle-bracket form fills `name`.
    const { addresses, invalid } = parseAddressList(entry.address);
    if (invalid.length > 0 || addresses.length !== 1) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['address'], message: 'must be one email address, like "rma-team@example.com"' });
      return z.NEVER;
    }
    const name = entry.name ?? addresses[0]!.name;
    return { address: addresses[0]!.address, ...(name ? { name } : {}) };
  });

const ENTRY_SCHEMAS: Record<string, z.ZodTypeAny> = {
  address: addressEntrySchema,
  path: z.object({ path: fieldPathSchema }).strict(),
  role: z.object({ role: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'must be an admin role code, like "strapi-editor"') }).strict(),
  subscribers: z.object({ subscribers: z.literal(true, { errorMap: () => ({ message: 'must be true' }) }) }).strict(),
  resolver: z.object({ resolver: z.string().regex(EVENT_NAME, 'must be the name a developer registered with registerRecipientResolver, like "rma-owner"') }).strict(),
};
const KINDS = Object.keys(ENTRY_SCHEMAS);
const SHAPES =
  'must be one of { "address": "team@example.com" }, { "path": "customer.email" }, { "role": "strapi-editor" }, { "subscribers": true } or { "resolver": "rma-owner" }';

export const recipientEntrySchema = dispatch<RecipientEntry>((value) => {
  if (!isPlainObject(value)) return SHAPES;
  const kinds = KINDS.filter((kind) => Object.hasOwn(value, kind));
  if (kinds.length === 0) return SHAPES;
  if (kinds.length > 1) return `has ${kinds.map((k) => `"${k}"`).join(' and ')}: an entry names one recipient kind; write one entry each`;
  return ENTRY_SCHEMAS[kinds[0]!]!;
});

const recipientList = z.array(recipientEntrySchema).max(50, 'may hold at most 50 entries').default([]);

export const recipientsSchema = z
  .object({ to: recipientList, cc: recipientList, bcc: recipientList })
  .strict()
  .refine((r) => r.to.length + r.cc.length + r.bcc.length > 0, 'needs at least one recipient in "to", "cc" or "bcc"');

export type Recipients = z.output<typeof recipientsSchema>;
export const RECIPIENT_LISTS = ['to', 'cc', 'bcc'] as const;

/**
 * Where a `{ path }` entry finds addresses. Decision: a path may end at an `email` field
 * (`customer.email`), or at a relation whose target has an `email` field (`customer`, `owner`): then
 * `.email` is implied and the stored path is rewritten to end with it. Strapi marks admin::user's
 * email private; it is still allowed here (only as an address: it is the account the admin chose to
 * be reached at, not content), unless the plugin settings mark it sensitive. Other private emails stay refused.
 */
export function resolveRecipientPath(uid: string, path: string, options: ModelCheckOptions): { path: string } | { message: string } {
  const { lookup, sensitive } = options;
  const segments = path.split('.');
  const parentPath = segments.slice(0, -1).join('.');
  const parent = parentPath ? resolveFieldPath(lookup, uid, parentPath, sensitive) : null;
  const adminEmail = (relationPath: string) => {
    const email = lookup(ADMIN_USER)?.attributes.email;
    if (!email) return null;
    const refusal = privacyRefusal(ADMIN_USER, 'email', { ...email, private: false }, sensitive);
    return refusal ? { message: refusal } : { path: `${relationPath}.email` };
  };
  if (parent?.ok && parent.attribute.target === ADMIN_USER && segments.at(-1) === 'email') {
    const verdict = adminEmail(parentPath);
    if (verdict) return verdict;
  }
  const resolved = resolveFieldPath(lookup, uid, path, sensitive);
  if (!resolved.ok) {
    return { message: resolved.message + (resolved.reason === 'unknown' ? suggestField(lookup, uid, path, sensitive) : '') };
  }
  const attribute = resolved.attribute;
  if (attribute.type === 'email') return { path };
  if (attribute.type === 'relation' && attribute.target) {
    if (attribute.target === ADMIN_USER) {
      const verdict = adminEmail(path);
      if (verdict) return verdict;
    }
    const target = lookup(attribute.target);
    if (target?.attributes.email?.type === 'email') {
      const implied = resolveFieldPath(lookup, uid, `${path}.email`, sensitive);
      return implied.ok ? { path: `${path}.email` } : { message: implied.message };
    }
    return { message: `"${path}" is a relation to ${attribute.target}, which has no email field: point to an email field, like "customer.email"` };
  }
  return { message: `"${path}" is ${describeAttribute(attribute)}, not an email address: point to an email field, like "customer.email"` };
}

export interface RecipientCheckOptions extends ModelCheckOptions {
  /** The content type of the rule's records; null when it is missing or unknown (then paths are not checked). */
  uid: string | null;
  /** When set and `uid` is null, every path entry gets this problem (a custom event without a content type). */
  missingTypeMessage?: string;
  knownResolvers?: Set<string>;
}

/**
 * Checks the entries (given raw, so one broken entry does not hide the others) and returns the problems
 * and the rewritten paths (`recipients.to.0` -> `owner.email`).
 */
export function checkRecipientsModel(raw: unknown, options: RecipientCheckOptions): { problems: FieldProblem[]; paths: Map<string, string> } {
  const problems: FieldProblem[] = [];
  const paths = new Map<string, string>();
  const lists = isPlainObject(raw) ? raw : {};
  for (const list of RECIPIENT_LISTS) {
    const entries = Array.isArray(lists[list]) ? (lists[list] as unknown[]) : [];
    entries.forEach((rawEntry, index) => {
      const parsed = recipientEntrySchema.safeParse(rawEntry);
      if (!parsed.success) return;
      const entry = parsed.data;
      const at = `recipients.${list}.${index}`;
      if ('path' in entry) {
        if (options.uid === null) {
          if (options.missingTypeMessage) problems.push({ path: `${at}.path`, message: options.missingTypeMessage });
          return;
        }
        const verdict = resolveRecipientPath(options.uid, entry.path, options);
        if ('message' in verdict) problems.push({ path: `${at}.path`, message: verdict.message });
        else if (verdict.path !== entry.path) paths.set(`${list}.${index}`, verdict.path);
      }
      if ('resolver' in entry && options.knownResolvers && !options.knownResolvers.has(entry.resolver)) {
        const known = [...options.knownResolvers].sort().map((n) => `"${n}"`).join(', ');
        problems.push({
          path: `${at}.resolver`,
          message: `no resolver named "${entry.resolver}" is registered (${known ? `registered: ${known}` : 'none are registered'}); developers add them with registerRecipientResolver`,
        });
      }
    });
  }
  return { problems, paths };
}
