/*
 * The mailbox form's state and its translation to request bodies. Pure: no React, no HTTP.
 * Secrets are write-only: the form starts them empty, and an empty secret means "keep the saved one".
 * Coordinates are edited as text: empty means unknown (null).
 */
import type { AllowedRecipients, AuthType, ConnectionOverrides, Direction, Mailbox, MailboxBody, OAuthProvider, Security } from '../../api/mailbox-types';
import type { FieldErrors } from '../form/field-errors';

export interface MailboxFormValues {
  name: string;
  direction: Direction;
  enabled: boolean;
  fromAddress: string;
  displayName: string;
  isDefault: boolean;
  host: string;
  port: number | undefined;
  security: Security;
  tlsRejectUnauthorized: boolean;
  authType: AuthType;
  authUser: string;
  password: string;
  oauthProvider: OAuthProvider;
  oauthTenant: string;
  oauthClientId: string;
  oauthClientSecret: string;
  oauthRefreshToken: string;
  oauthAccessUrl: string;
  oauthAuthorizeUrl: string;
  oauthScope: string;
  subjectPrefix: string;
  allowedRecipients: AllowedRecipients;
  excludeExpression: string;
  priority: number | undefined;
  weight: number | undefined;
  poolSize: number | undefined;
  rateLimitPerMinute: number | undefined;
  dailyQuota: number | undefined;
  /** Decimal degrees as typed; '' = unknown. */
  latitude: string;
  longitude: string;
  countryCode: string;
}

export type FieldName = keyof MailboxFormValues;

/** Same defaults as the server's `mailboxDefaults`, so a new form shows what will be stored. */
export const NEW_MAILBOX: MailboxFormValues = {
  name: '',
  direction: 'out',
  enabled: true,
  fromAddress: '',
  displayName: '',
  isDefault: false,
  host: '',
  port: 587,
  security: 'starttls',
  tlsRejectUnauthorized: true,
  authType: 'none',
  authUser: '',
  password: '',
  oauthProvider: 'microsoft',
  oauthTenant: '',
  oauthClientId: '',
  oauthClientSecret: '',
  oauthRefreshToken: '',
  oauthAccessUrl: '',
  oauthAuthorizeUrl: '',
  oauthScope: '',
  subjectPrefix: '',
  allowedRecipients: 'anyone',
  excludeExpression: '',
  priority: 100,
  weight: 1,
  poolSize: 5,
  rateLimitPerMinute: 0,
  dailyQuota: 0,
  latitude: '',
  longitude: '',
  countryCode: '',
};

const SECRETS = ['password', 'oauthClientSecret', 'oauthRefreshToken'] as const;
const NUMBERS = ['port', 'priority', 'weight', 'poolSize', 'rateLimitPerMinute', 'dailyQuota'] as const;
const COORDINATES = ['latitude', 'longitude'] as const;

export function toFormValues(mailbox: Mailbox): MailboxFormValues {
  const values = { ...NEW_MAILBOX };
  for (const key of Object.keys(NEW_MAILBOX) as FieldName[]) {
    if (!(SECRETS as readonly string[]).includes(key)) (values as Record<FieldName, unknown>)[key] = mailbox[key as keyof Mailbox];
  }
  for (const key of COORDINATES) values[key] = mailbox[key] === null ? '' : String(mailbox[key]);
  return values;
}

/**
 * '' -> null (unknown); a number (a decimal comma accepted) -> that number; anything else is sent as
 * typed, so the server's message about it appears under the field.
 */
function toCoordinate(text: string): number | null | string {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  return Number.isFinite(Number(trimmed)) ? Number(trimmed) : text;
}

/**
 * POST/PUT body. Empty secrets and empty number inputs are left out (keep / server default).
 * `isDefault` is only sent when it changes: the server refuses to un-set the current default.
 */
export function toRequestBody(values: MailboxFormValues, saved?: Mailbox): MailboxBody {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values) as [FieldName, unknown][]) {
    if ((SECRETS as readonly string[]).includes(key) && !value) continue;
    if ((NUMBERS as readonly string[]).includes(key) && value === undefined) continue;
    if (key === 'isDefault' && saved && saved.isDefault === value) continue;
    body[key] = (COORDINATES as readonly string[]).includes(key) ? toCoordinate(value as string) : value;
  }
  return body as MailboxBody;
}

/** The connection part of the form, for Check / Send test email before (or without) saving. */
export function toConnectionOverrides(values: MailboxFormValues): ConnectionOverrides {
  const overrides: ConnectionOverrides = {
    fromAddress: values.fromAddress,
    displayName: values.displayName,
    host: values.host,
    security: values.security,
    tlsRejectUnauthorized: values.tlsRejectUnauthorized,
    authType: values.authType,
    authUser: values.authUser,
    oauthProvider: values.oauthProvider,
    oauthTenant: values.oauthTenant,
    oauthClientId: values.oauthClientId,
    oauthAccessUrl: values.oauthAccessUrl,
    oauthScope: values.oauthScope,
    subjectPrefix: values.subjectPrefix,
  };
  if (values.port !== undefined) overrides.port = values.port;
  for (const secret of SECRETS) if (values[secret]) overrides[secret] = values[secret];
  return overrides;
}

/** What each form section receives from the editor that owns the state. */
export interface SectionProps {
  values: MailboxFormValues;
  errors: FieldErrors;
  set: <K extends FieldName>(field: K, value: MailboxFormValues[K]) => void;
  disabled: boolean;
  saved?: Mailbox;
}
