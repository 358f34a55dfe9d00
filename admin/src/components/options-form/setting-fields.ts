/*
 * The admin-editable options (PUT /email-notifications/settings) in the order the Options page shows
 * them: group, key, kind of input and the translation ids of label and unit hint. Units and limits
 * are the server's (server/src/config/schema.ts); this list only lays them out.
 */
import type { SettingsGroup, SettingsValues } from '../../api/settings-types';
import type { MessageId } from '../../utils/use-t';

/** The text kinds (sensitive fields, lists, caps) are edited as lines of text (text-settings.ts). */
export type SettingKind = 'integer' | 'toggle' | 'textEncoding' | 'sensitiveFields' | 'lines' | 'caps';

export interface SettingField {
  group: SettingsGroup;
  key: string;
  kind: SettingKind;
  label: MessageId;
  hint: MessageId;
}

type Translated<G extends SettingsGroup, K extends string> = `email-notifications.options.${G}.${K}.${'label' | 'hint'}` extends MessageId ? K : never;

/**
 * `key` must be a key of the settings type with a label and a hint in en.json: at a call site the
 * ids are known, so a typo or a missing translation makes `key` `never` and fails to compile.
 */
const field = <G extends SettingsGroup, K extends keyof SettingsValues[G] & string>(
  group: G,
  key: K & Translated<G, K>,
  kind: SettingKind = 'integer',
): SettingField => ({
  group,
  key,
  kind,
  label: `email-notifications.options.${group}.${key}.label` as MessageId,
  hint: `email-notifications.options.${group}.${key}.hint` as MessageId,
});

export const SETTING_GROUPS: { group: SettingsGroup; title: MessageId; description: MessageId; fields: SettingField[] }[] = [
  {
    group: 'delivery',
    title: 'email-notifications.options.section.delivery',
    description: 'email-notifications.options.section.delivery.description',
    fields: [
      field('delivery', 'deliveryDelaySeconds'),
      field('delivery', 'maxAttempts'),
      field('delivery', 'backoffBaseMs'),
      field('delivery', 'backoffMaxMs'),
      field('delivery', 'stuckAfterMinutes'),
      field('delivery', 'textEncoding', 'textEncoding'),
      field('delivery', 'captureStrapiEmail', 'toggle'),
    ],
  },
  {
    group: 'retention',
    title: 'email-notifications.options.section.retention',
    description: 'email-notifications.options.section.retention.description',
    fields: [
      field('retention', 'deleteFailedAfterDays'),
      field('retention', 'deleteBodiesAfterDays'),
      field('retention', 'maxBodies'),
      field('retention', 'maxBodiesMb'),
      field('retention', 'intervalMinutes'),
    ],
  },
  {
    group: 'templates',
    title: 'email-notifications.options.section.templates',
    description: 'email-notifications.options.section.templates.description',
    fields: [field('templates', 'maxRenderedBytes'), field('templates', 'maxAttachmentBytes')],
  },
  {
    group: 'privacy',
    title: 'email-notifications.options.section.privacy',
    description: 'email-notifications.options.section.privacy.description',
    fields: [field('privacy', 'sensitiveFields', 'sensitiveFields')],
  },
  {
    group: 'flood',
    title: 'email-notifications.options.section.flood',
    description: 'email-notifications.options.section.flood.description',
    fields: [
      field('flood', 'caps', 'caps'),
      field('flood', 'blacklist', 'lines'),
      field('flood', 'suppressBouncesDays'),
      field('flood', 'duplicateWindowMinutes'),
    ],
  },
];

/** `delivery.maxAttempts`: the key of a field in the form state and in the server's error paths. */
export const fieldPath = (field: SettingField) => `${field.group}.${field.key}`;
