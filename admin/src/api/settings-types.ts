/*
 * Shapes of the settings routes (GET/PUT /email-notifications/settings): the editable options, the file
 * values under them and the body of a change. They mirror the server's DTO; the server is the authority.
 */

export interface DeliverySettings {
  deliveryDelaySeconds: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  textEncoding: 'quoted-printable' | 'base64';
  captureStrapiEmail: boolean;
  stuckAfterMinutes: number;
}

export interface RetentionSettings {
  deleteFailedAfterDays: number;
  deleteBodiesAfterDays: number;
  maxBodies: number;
  maxBodiesMb: number;
  intervalMinutes: number;
}

export interface TemplateSettings {
  maxRenderedBytes: number;
  maxAttachmentBytes: number;
}

export interface PrivacySettings {
  /** Content type UID -> attribute names that never reach an email. */
  sensitiveFields: Record<string, string[]>;
}

export interface FloodSettings {
  /** At most `max` rule notifications per address per `windowMinutes`. */
  caps: { windowMinutes: number; max: number }[];
  /** Addresses, @domains and * patterns never mailed by rules. */
  blacklist: string[];
  suppressBouncesDays: number;
  duplicateWindowMinutes: number;
}

export interface SettingsValues {
  delivery: DeliverySettings;
  retention: RetentionSettings;
  templates: TemplateSettings;
  privacy: PrivacySettings;
  flood: FloodSettings;
}

export type SettingsGroup = keyof SettingsValues;

export interface SettingsView {
  values: SettingsValues;
  fileValues: SettingsValues;
  overridden: { [G in SettingsGroup]?: Partial<SettingsValues[G]> };
}

/**
 * Body of PUT /settings: a value overrides the file option, `null` goes back to it. Values are what
 * the admin typed (an emptied number field included): the server validates them.
 */
export type SettingsUpdate = Partial<Record<SettingsGroup, Record<string, unknown>>>;
