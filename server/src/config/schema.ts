/*
 * The plugin options: this zod schema is their only definition (types come from z.infer).
 * Strapi deep-merges the app's `config/plugins` options over `defaultConfig`, then calls `validateConfig`,
 * so a bad option stops start-up with the path and the fix instead of failing at the first send.
 */
import { z } from 'zod';
import { PluginError } from '../core/errors';
import { mailboxCreateSchema, mailboxFieldsSchema, type MailboxFields } from '../core/mailboxes/mailbox-input';
import { parseSmtpUrl } from '../core/smtp/smtp-url';
import { zodProblems } from '../core/zod-problems';

/** Environment variable read when `defaultMailbox` is not set in the options. */
export const DEFAULT_MAILBOX_ENV = 'EMAIL_NOTIFICATIONS_SMTP_URL';

const smtpUrl = z.string().superRefine((value, ctx) => {
  try {
    parseSmtpUrl(value);
  } catch (error) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
  }
});

/** The default mailbox: a URL, or mailbox fields (optionally starting from a URL). */
const defaultMailboxSchema = z.union([
  smtpUrl,
  mailboxFieldsSchema
    .omit({ isDefault: true, direction: true })
    .partial()
    .extend({ url: smtpUrl.optional() })
    .strict(),
]);

export const pluginConfigSchema = z
  .object({
    /**
     * Key for encrypting mailbox secrets at rest (AES-256-GCM). Any string of 32+ characters.
     * Default: Strapi's `admin.secrets.encryptionKey` (the ENCRYPTION_KEY environment variable).
     * Changing it makes stored secrets unreadable: re-enter them afterwards.
     */
    encryptionKey: z.string().min(32, 'must be at least 32 characters (use a random string)').optional(),
    /**
     * The mailbox created (or updated) at every start and marked as the default, so the plugin works
     * out of the box. `smtp://user:pass@host:587?from=helpdesk@example.com`, or mailbox fields.
     * Default: the EMAIL_NOTIFICATIONS_SMTP_URL environment variable; `false` for none.
     */
    defaultMailbox: z.union([defaultMailboxSchema, z.literal(false)]).optional(),
    /** SMTP timeouts in milliseconds, for every mailbox. */
    smtpTimeouts: z
      .object({
        connectionTimeoutMs: z.number().int().min(1000).max(600_000).default(15_000),
        greetingTimeoutMs: z.number().int().min(1000).max(600_000).default(15_000),
        socketTimeoutMs: z.number().int().min(1000).max(3_600_000).default(60_000),
      })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (!config.defaultMailbox) return;
    let expanded: Partial<MailboxFields>;
    try {
      expanded = expandDefaultMailbox(config.defaultMailbox);
    } catch {
      return; // the URL itself is invalid: already reported by the field's own check
    }
    const resolved = mailboxCreateSchema.safeParse(expanded);
    if (resolved.success) return;
    for (const problem of zodProblems(resolved.error)) {
      const hint = problem.path === 'fromAddress' && typeof config.defaultMailbox === 'string' ? ' (add ?from=helpdesk@example.com to the URL)' : '';
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['defaultMailbox', ...problem.path.split('.')], message: problem.message + hint });
    }
  });

export const DEFAULT_MAILBOX_NAME = 'Default mailbox';

/** The default mailbox option as mailbox fields: URL parts first, explicit fields win. */
export function expandDefaultMailbox(option: string | (Partial<MailboxFields> & { url?: string })): Partial<MailboxFields> {
  if (typeof option === 'string') return { name: DEFAULT_MAILBOX_NAME, ...parseSmtpUrl(option) };
  const { url, ...fields } = option;
  return { name: DEFAULT_MAILBOX_NAME, ...(url ? parseSmtpUrl(url) : {}), ...fields };
}

export type PluginConfig = z.infer<typeof pluginConfigSchema>;
export type PluginConfigInput = z.input<typeof pluginConfigSchema>;

export function defaultConfig({ env }: { env: (name: string, fallback?: string) => string | undefined }): PluginConfigInput {
  const url = env(DEFAULT_MAILBOX_ENV);
  return url ? { defaultMailbox: url } : {};
}

/** Parses the merged options; throws a PluginError listing every bad path and how to fix it. */
export function parsePluginConfig(input: unknown): PluginConfig {
  const result = pluginConfigSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const problems = zodProblems(result.error);
  const list = problems.map((p) => `  - ${p.path || '(root)'}: ${p.message}`).join('\n');
  throw new PluginError(
    'INVALID_CONFIG',
    `Invalid options for plugin "email-notifications" (config/plugins, key 'email-notifications'.config):\n${list}`,
    problems,
  );
}

export function validateConfig(input: unknown): void {
  parsePluginConfig(input);
}

