/*
 * The plugin options: this zod schema is their only definition (types come from z.infer).
 * Strapi deep-merges the app's `config/plugins` options over `defaultConfig`, then calls `validateConfig`,
 * so a bad option stops start-up with the path and the fix instead of failing at the first send.
 */
import { z } from 'zod';
import { PluginError } from '../core/errors';
import { mailboxCreateSchema, mailboxFieldsSchema, type MailboxFields } from '../core/mailboxes/mailbox-input';
import { MISSED_HEARTBEATS } from '../core/outbox/worker-liveness';
import { optionsRuleProblems } from '../core/events/options-rules';
import { DEFAULT_BLACKLIST, DEFAULT_CAPS } from '../core/rules/flood-guard';
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
     * To change it, put the old key in `previousEncryptionKeys`.
     */
    encryptionKey: z.string().min(32, 'must be at least 32 characters (use a random string)').optional(),
    /**
     * Keys used before the current one: secrets encrypted with them are still read, and re-encrypted
     * with the current key at start. Default: none. An old key may be Strapi's shorter ENCRYPTION_KEY.
     */
    previousEncryptionKeys: z.array(z.string().min(1, 'must not be empty (remove the entry instead)')).max(20).default([]),
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
    /** The outbox and its delivery worker. */
    delivery: z
      .object({
        /** Run the delivery worker in this Strapi instance (turn off on instances that must not send). */
        workerEnabled: z.boolean().default(true),
        /** Seconds an automated message waits before it may be sent. Default 10 (0 when NODE_ENV=test). */
        deliveryDelaySeconds: z.number().int().min(0).max(86_400).default(10),
        /** Delivery attempts (temporary failures) before a message is failed for good ("final delivery failed"). */
        maxAttempts: z.number().int().min(1).max(100).default(8),
        /** First retry delay, ms; doubles with each failure, with jitter. */
        backoffBaseMs: z.number().int().min(100).max(86_400_000).default(30_000),
        /** Longest retry delay, ms. */
        backoffMaxMs: z.number().int().min(100).max(7 * 86_400_000).default(3_600_000),
        /** Messages one instance sends at the same time. */
        concurrency: z.number().int().min(1).max(500).default(20),
        /** How often an idle worker looks for due messages, ms (a send() in this instance wakes it at once). */
        pollIntervalMs: z.number().int().min(50).max(60_000).default(1000),
        /**
         * How long a claimed message belongs to an instance before others may take it over, ms. Renewed
         * with every heartbeat while the message is sent, so a slow send keeps it; an instance known to be
         * gone loses its leases at once. At least MISSED_HEARTBEATS heartbeats long.
         */
        leaseMs: z.number().int().min(1000).max(3_600_000).default(60_000),
        /** How often results are written in one batch, ms (bounds the duplicates a crash can cause). */
        flushIntervalMs: z.number().int().min(5).max(10_000).default(50),
        /** Worker heartbeat period, ms; an instance is "down" after MISSED_HEARTBEATS (3) missed beats. */
        heartbeatIntervalMs: z.number().int().min(500).max(600_000).default(10_000),
        /** First period a failing mailbox is skipped, ms; grows while it keeps failing. */
        circuitBreakMs: z.number().int().min(100).max(86_400_000).default(60_000),
        /** Longest period a failing mailbox is skipped, ms. */
        circuitBreakMaxMs: z.number().int().min(100).max(7 * 86_400_000).default(3_600_000),
        /** Connection failures in a row that make a mailbox "failing". */
        connectionFailuresToOpen: z.number().int().min(1).max(100).default(3),
        /** Text part transfer encoding. */
        textEncoding: z.enum(['quoted-printable', 'base64']).default('quoted-printable'),
        /** Route Strapi's own email (password resets, invitations, other plugins) through the outbox. */
        captureStrapiEmail: z.boolean().default(true),
        /** The admin is warned when the oldest queued message is older than this, minutes. */
        stuckAfterMinutes: z.number().int().min(1).max(10_080).default(15),
      })
      .strict()
      .default({}),
    /**
     * Where "registered users" are looked up, for mailboxes that send only to them: content types and
     * their email attribute. Default (empty): Strapi admin users and users-permissions users.
     */
    registeredRecipientSources: z
      .array(z.object({ uid: z.string().min(3), field: z.string().min(1).default('email') }).strict())
      .default([]),
    /** How mailboxes are chosen. */
    routing: z
      .object({
        /** Strategy of the default pool (all enabled outgoing mailboxes, the default first) when no task group is named. */
        defaultStrategy: z.enum(['failover', 'round-robin', 'weighted', 'least-loaded']).default('failover'),
        /** Send through the mailbox nearest the recipient (from the recipient's IP address). */
        geo: z
          .object({
            enabled: z.boolean().default(false),
            /** A MaxMind-format City database: GeoLite2/GeoIP2-City.mmdb, or an @ip-location-db *-city-mmdb file. */
            databasePath: z.string().min(1).optional(),
          })
          .strict()
          .default({})
          .superRefine((geo, ctx) => {
            if (geo.enabled && !geo.databasePath) {
              ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['databasePath'], message: 'is required when geo routing is enabled (the path of a GeoLite2-City.mmdb file)' });
            }
          }),
      })
      .strict()
      .default({}),
    /** The installation, as templates show it (`{{site.name}}`, links to the admin and the customer portal). */
    site: z
      .object({
        name: z.string().min(1).max(200).default('Helpdesk'),
        /** Public URL of this Strapi. Default: Strapi's `server.url`. */
        url: z.string().url().optional(),
        /** URL of the Strapi admin (record links point here). Default: `url` + `/admin`. */
        adminUrl: z.string().url().optional(),
        /** URL of the customer portal, if any. */
        portalUrl: z.string().url().optional(),
        /** IANA time zone for dates in emails when the recipient has none. */
        timezone: z.string().min(1).default('UTC'),
        /** Locale for date formats (BCP 47). */
        locale: z.string().min(2).default('en'),
      })
      .strict()
      .default({}),
    /** Templates and rendering. */
    templates: z
      .object({
        /** Largest rendered message (HTML + text + subject), bytes. Default 102,400: Gmail clips longer messages. */
        maxRenderedBytes: z.number().int().min(1024).max(10_000_000).default(102_400),
        /** Largest total size of a message's attachments, bytes (default 5 MB). */
        maxAttachmentBytes: z.number().int().min(0).max(50_000_000).default(5_000_000),
        /** Compiled templates kept in memory per instance. */
        compileCacheSize: z.number().int().min(1).max(100_000).default(500),
      })
      .strict()
      .default({}),
    /** Privacy: fields that never reach an email, in addition to password and `private` attributes. */
    privacy: z
      .object({
        /** Content type UID -> attribute names, e.g. { 'api::customer.customer': ['lastLoginIp'] }. */
        sensitiveFields: z.record(z.array(z.string().min(1))).default({}),
      })
      .strict()
      .default({}),
    /** Notification rules: record triggers, schedules (digests) and time scans. */
    rules: z
      .object({
        /** Evaluate rules in this instance (record changes, custom events), and sweep firings left unfinished by a stopped instance. */
        enabled: z.boolean().default(true),
        /** Run schedules and time scans in this instance (every instance may; a database row per tick makes each run once). */
        schedulerEnabled: z.boolean().default(true),
        /** How often this instance looks for due schedules and scans, and for firings left unfinished, ms. */
        tickIntervalMs: z.number().int().min(200).max(60_000).default(1000),
        /**
         * A record rule's firing still without its notification this long after the save (its instance
         * stopped between the commit and the queueing) is finished by any instance, ms.
         */
        recoverFiringsAfterMs: z.number().int().min(100).max(3_600_000).default(30_000),
        /** How deep notifications may cause further notifications (an onAfterSend hook that updates a record, …). */
        maxChainDepth: z.number().int().min(1).max(10).default(3),
        /** A schedule or scan run still "running" after this many minutes is reported as stuck. */
        stuckRunMinutes: z.number().int().min(1).max(1440).default(15),
        /**
         * Rules kept in the code base (the same shape as the rules API). Created or updated at every
         * start, read-only in the admin; removed from here, they are removed. Checked completely at start.
         */
        definitions: z.array(z.record(z.unknown())).max(500).default([]),
      })
      .strict()
      .default({}),
    /** Flood and loop protection for rule notifications (mature helpdesks send at most 3 per address per 30 minutes). */
    flood: z
      .object({
        /** Per-recipient caps: at most `max` notifications per `windowMinutes`. Empty list: no caps. */
        caps: z
          .array(z.object({ windowMinutes: z.number().int().min(1).max(43_200), max: z.number().int().min(1).max(100_000) }).strict())
          .max(5)
          .default(DEFAULT_CAPS.map((cap) => ({ ...cap }))),
        /** Addresses never mailed: full addresses, domains (`@example.com`) or patterns with `*`. */
        blacklist: z
          .array(z.string().min(1).max(320))
          .max(1000)
          .default([...DEFAULT_BLACKLIST]),
        /** Days an address that bounced permanently is skipped (0: never suppress). */
        suppressBouncesDays: z.number().int().min(0).max(3650).default(30),
        /** An identical message to the same address within this many minutes is dropped (0: off). */
        duplicateWindowMinutes: z.number().int().min(0).max(10_080).default(10),
      })
      .strict()
      .default({}),
    /** SMTP event rules and the runner of their actions. */
    events: z
      .object({
        /**
         * Rules kept in the code base (the shape of the smtp-event-rules API, plus `webhookSecret` for
         * rules with a web page action: `whsec_` + base64, e.g. from an environment variable). Read-only
         * in the admin, with the id "options:<name>". Checked completely at start.
         */
        rules: z.array(z.record(z.unknown())).max(200).default([]),
        /** Host names, IPs or CIDRs a web page action may call even when private or loopback. Default: none. */
        allowedHosts: z.array(z.string().trim().min(1).max(253)).max(200).default([]),
        /** Folder where log actions write their files; unset = log actions are refused. */
        logDirectory: z.string().min(1).optional(),
        /** Run the action runner in this instance (every instance may; leases make each run happen once). */
        runnerEnabled: z.boolean().default(true),
        /** Action runs one instance runs at the same time. */
        concurrency: z.number().int().min(1).max(50).default(4),
        /** How often an idle runner looks for due action runs, ms (an event in this instance wakes it at once). */
        pollIntervalMs: z.number().int().min(50).max(60_000).default(1000),
        /** How long a claimed run is held before another instance may take it, ms (renewed while it runs). */
        leaseMs: z.number().int().min(1000).max(3_600_000).default(60_000),
        /** Attempts of one action run before it is failed for good. */
        maxAttempts: z.number().int().min(1).max(50).default(6),
        /** First retry delay of a failed action, ms; doubles with each attempt, with jitter. */
        backoffBaseMs: z.number().int().min(10).max(86_400_000).default(30_000),
        /** Longest retry delay of a failed action, ms. */
        backoffMaxMs: z.number().int().min(10).max(7 * 86_400_000).default(3_600_000),
        /** Timeout of one web page call, ms. */
        webhookTimeoutMs: z.number().int().min(100).max(120_000).default(10_000),
      })
      .strict()
      .default({}),
    /** What the mail log keeps. */
    retention: z
      .object({
        /** Delete failed and cancelled messages after this many days (0 = keep). */
        deleteFailedAfterDays: z.number().int().min(0).max(3650).default(30),
        /** Delete message bodies (keep the metadata) after this many days (0 = keep). */
        deleteBodiesAfterDays: z.number().int().min(0).max(3650).default(30),
        /** Keep bodies of at most this many messages (0 = no limit). */
        maxBodies: z.number().int().min(0).max(100_000_000).default(25_000),
        /** Keep at most this many MB of bodies (0 = no limit). */
        maxBodiesMb: z.number().int().min(0).max(10_000_000).default(10_000),
        /** How often the retention job runs, minutes. */
        intervalMinutes: z.number().int().min(1).max(10_080).default(60),
      })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((config, ctx) => {
    addLeaseIssue(config.delivery, ctx);
    for (const problem of optionsRuleProblems(config.events.rules)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['events', 'rules', ...problem.path.split('.')], message: problem.message });
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

/** A lease is renewed with each heartbeat: it must outlast the missed beats after which an instance counts as gone. */
function addLeaseIssue(delivery: { leaseMs: number; heartbeatIntervalMs: number }, ctx: z.RefinementCtx) {
  const shortest = MISSED_HEARTBEATS * delivery.heartbeatIntervalMs;
  if (delivery.leaseMs >= shortest) return;
  const message = `must be at least ${MISSED_HEARTBEATS} × delivery.heartbeatIntervalMs (${shortest}): leases are renewed with each heartbeat and must outlast ${MISSED_HEARTBEATS} missed ones`;
  ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['delivery', 'leaseMs'], message });
}

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
  return {
    ...(url ? { defaultMailbox: url } : {}),
    // Tests want mail at once; everywhere else a short delay lets a burst of edits settle first.
    delivery: { deliveryDelaySeconds: env('NODE_ENV') === 'test' ? 0 : 10 },
  };
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

