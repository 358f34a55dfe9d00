/*
 * The shape of a mailbox as an admin sends it (create, update, or unsaved settings for a test email).
 * Pure zod schemas: every field is validated here, so services never see malformed input.
 * Secrets (password, OAuth client secret, refresh token) are write-only: they come in, never go out.
 */
import { z } from 'zod';
import type { FieldProblem } from '../errors';
import { OAUTH_PROVIDERS } from '../oauth/providers';
import { checkExcludeExpression } from './exclude-expression';

const NO_LINE_BREAKS = 'must not contain line breaks (CR or LF): they would let a value inject mail headers';

/** A string that ends up in a mail header, so CR/LF are refused (header injection). */
export const headerSafeString = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => !/[\r\n]/.test(value), NO_LINE_BREAKS);

const hostSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .refine(
    (value) => /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(value) || /^\[?[0-9A-Fa-f:.]+\]?$/.test(value),
    'must be a host name like smtp.example.com or an IP address, without scheme, port or spaces',
  );

const emailSchema = z
  .string()
  .trim()
  .max(320)
  .refine((value) => !/[\r\n]/.test(value), NO_LINE_BREAKS)
  .pipe(z.string().email());

const excludeExpressionSchema = z
  .string()
  .max(500)
  .superRefine((value, ctx) => {
    if (value === '') return;
    const verdict = checkExcludeExpression(value);
    if (!verdict.ok) ctx.addIssue({ code: z.ZodIssueCode.custom, message: verdict.reason });
  });

const secretSchema = z.string().max(4096).nullable();

/** An OAuth2 endpoint of the mailbox, or '' for the provider's. */
const endpointUrlSchema = z.union([
  z.literal(''),
  z
    .string()
    .url()
    .max(2000)
    .refine((value) => /^https?:\/\//i.test(value), 'must be an http(s) URL such as https://login.example.com/oauth2/token'),
]);

export const SECURITY_MODES = ['none', 'ssl', 'starttls'] as const;
export const AUTH_TYPES = ['none', 'login', 'oauth2'] as const;

/** Every field an admin may set. Defaults live in `mailboxDefaults`, not here, so updates stay partial. */
export const mailboxFieldsSchema = z
  .object({
    name: headerSafeString(100).pipe(z.string().trim().min(1)),
    direction: z.enum(['out', 'in']),
    enabled: z.boolean(),
    fromAddress: emailSchema,
    displayName: headerSafeString(100),
    host: hostSchema,
    port: z.number().int().min(1).max(65535),
    security: z.enum(SECURITY_MODES),
    tlsRejectUnauthorized: z.boolean(),
    authType: z.enum(AUTH_TYPES),
    authUser: headerSafeString(320),
    password: secretSchema,
    oauthProvider: z.enum(OAUTH_PROVIDERS),
    /** Microsoft's directory (tenant) id or domain; '' = any work or school account. */
    oauthTenant: z.union([z.literal(''), z.string().trim().max(100).regex(/^[A-Za-z0-9.-]+$/, 'must be a tenant id (a GUID) or a domain such as contoso.onmicrosoft.com')]),
    oauthClientId: headerSafeString(500),
    oauthClientSecret: secretSchema,
    oauthRefreshToken: secretSchema,
    /** Token URL; '' = the provider's. */
    oauthAccessUrl: endpointUrlSchema,
    /** Authorization URL for "Sign in"; '' = the provider's. */
    oauthAuthorizeUrl: endpointUrlSchema,
    /** Space-separated scopes; '' = the provider's. */
    oauthScope: z.string().max(1000).refine((value) => !/[\r\n]/.test(value), NO_LINE_BREAKS),
    subjectPrefix: headerSafeString(50),
    allowedRecipients: z.enum(['anyone', 'registered']),
    excludeExpression: excludeExpressionSchema,
    isDefault: z.boolean(),
    priority: z.number().int().min(0).max(1000),
    weight: z.number().int().min(1).max(1000),
    poolSize: z.number().int().min(1).max(50),
    rateLimitPerMinute: z.number().int().min(0).max(100000),
    dailyQuota: z.number().int().min(0).max(10000000),
    /** Where the mailbox's server is, for geo routing (decimal degrees). */
    latitude: z.number().min(-90).max(90).nullable(),
    longitude: z.number().min(-180).max(180).nullable(),
    /** ISO 3166-1 alpha-2 country of the server, for geo routing when coordinates are unknown. */
    countryCode: z.union([z.literal(''), z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as DE or US')]),
  })
  .strict();

export type MailboxFields = z.infer<typeof mailboxFieldsSchema>;
export const SECRET_FIELDS = ['password', 'oauthClientSecret', 'oauthRefreshToken'] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];
/** How messages about a secret name it. */
export const SECRET_LABELS: Record<SecretField, string> = { password: 'password', oauthClientSecret: 'OAuth client secret', oauthRefreshToken: 'OAuth refresh token' };
/** Every encrypted column of a mailbox row: the admin's secrets, the access token the token store keeps, and the DKIM private keys (set through the DKIM key routes). */
export const STORED_SECRETS = [...SECRET_FIELDS, 'oauthAccessToken', 'dkimPrivateKeys'] as const;
export type StoredSecret = (typeof STORED_SECRETS)[number];
export const STORED_SECRET_LABELS: Record<StoredSecret, string> = { ...SECRET_LABELS, oauthAccessToken: 'OAuth access token', dkimPrivateKeys: 'DKIM private keys' };

/** The fields an OAuth2 access token is issued for: change one and a stored token no longer applies. */
export const OAUTH_TOKEN_BASIS = ['authUser', 'oauthProvider', 'oauthTenant', 'oauthClientId', 'oauthClientSecret', 'oauthRefreshToken', 'oauthAccessUrl', 'oauthScope'] as const;

/** Whether an update changes what the stored access token was issued for; a secret given is always new (the stored one is encrypted). */
export function changesTokenBasis(input: Partial<MailboxFields>, stored: Partial<Record<(typeof OAUTH_TOKEN_BASIS)[number], unknown>>): boolean {
  const secretNames: readonly string[] = SECRET_FIELDS;
  return OAUTH_TOKEN_BASIS.some((field) => input[field] !== undefined && (secretNames.includes(field) || input[field] !== stored[field]));
}

export const mailboxDefaults: Omit<MailboxFields, 'name' | 'fromAddress' | 'host'> = {
  direction: 'out',
  enabled: true,
  displayName: '',
  port: 587,
  security: 'starttls',
  tlsRejectUnauthorized: true,
  authType: 'none',
  authUser: '',
  password: null,
  oauthProvider: 'microsoft',
  oauthTenant: '',
  oauthClientId: '',
  oauthClientSecret: null,
  oauthRefreshToken: null,
  oauthAccessUrl: '',
  oauthAuthorizeUrl: '',
  oauthScope: '',
  subjectPrefix: '',
  allowedRecipients: 'anyone',
  excludeExpression: '',
  isDefault: false,
  priority: 100,
  weight: 1,
  poolSize: 5,
  rateLimitPerMinute: 0,
  dailyQuota: 0,
  latitude: null,
  longitude: null,
  countryCode: '',
};

/** Create: name, from address and host are required; the rest falls back to the defaults. */
export const mailboxCreateSchema = mailboxFieldsSchema
  .partial()
  .required({ name: true, fromAddress: true, host: true })
  .strict()
  .superRefine(addAuthIssues);

/** Update: any subset. Secrets: absent = keep, null = clear, string = replace. */
export const mailboxUpdateSchema = mailboxFieldsSchema.partial().strict();

/**
 * Cross-field rules, checked on the merged mailbox (stored values + the update) so a partial update
 * cannot leave a mailbox that asks for a login without a user.
 */
export function authProblems(mailbox: Partial<MailboxFields>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const authType = mailbox.authType ?? 'none';
  if (authType !== 'none' && !mailbox.authUser) {
    problems.push({ path: 'authUser', message: `is required when authType is "${authType}"` });
  }
  // The refresh token may come later, from "Sign in": until then the mailbox says it is not signed in.
  if (authType === 'oauth2') {
    if (!mailbox.oauthClientId) problems.push({ path: 'oauthClientId', message: 'is required when authType is "oauth2": the application (client) id of the app registration' });
    if (mailbox.oauthProvider === 'custom' && !mailbox.oauthAccessUrl) {
      problems.push({ path: 'oauthAccessUrl', message: 'is required for a custom OAuth2 provider: the token endpoint URL' });
    }
  }
  return problems;
}

function addAuthIssues(mailbox: Partial<MailboxFields>, ctx: z.RefinementCtx): void {
  for (const problem of authProblems(mailbox)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: [problem.path], message: problem.message });
  }
}
