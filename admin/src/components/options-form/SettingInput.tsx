/*
 * One option of the Options page: its input (number, switch, choice or lines) with the unit hint, the value
 * from the config file, whether the admin changed it, and "Reset to file value". Presentational: the
 * value, the pending reset and the server's error come from OptionsEditor.
 */
import { Badge, Flex, TextButton, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { CodeField } from '../form/CodeField';
import { IntegerField } from '../form/IntegerField';
import { SelectField } from '../form/SelectField';
import { ToggleField } from '../form/ToggleField';
import { useT } from '../../utils/use-t';
import { fieldPath, type SettingField } from './setting-fields';
import { isTextSetting, TEXT_SETTINGS } from './text-settings';

export type SettingValue = number | boolean | string | undefined;

interface SettingInputProps {
  field: SettingField;
  value: SettingValue;
  fileValue: SettingValue;
  /** Saved in the admin, so it overrides the config file. */
  overridden: boolean;
  /** "Reset to file value" was clicked; the reset is sent with the next save. */
  resetPending: boolean;
  error?: string;
  disabled: boolean;
  onChange: (value: SettingValue) => void;
  onReset: () => void;
}

const ENCODINGS = ['quoted-printable', 'base64'] as const;

export const SettingInput = ({ field, value, fileValue, overridden, resetPending, error, disabled, onChange, onReset }: SettingInputProps) => {
  const t = useT();
  const encodingLabel = (encoding: (typeof ENCODINGS)[number]) => t(`email-notifications.options.textEncoding.${encoding}`);
  const show = (v: SettingValue) => {
    if (typeof v === 'boolean') return t(v ? 'email-notifications.toggle.on' : 'email-notifications.toggle.off');
    if (field.kind === 'textEncoding' && ENCODINGS.includes(v as (typeof ENCODINGS)[number])) return encodingLabel(v as (typeof ENCODINGS)[number]);
    if (isTextSetting(field.kind)) return v ? String(v).split('\n').join('; ') : t('email-notifications.options.privacy.sensitiveFields.none');
    return v === undefined ? '' : String(v);
  };
  const hint = `${t(field.hint)} ${t('email-notifications.options.fileValue', { value: show(fileValue) })}`;
  const common = { name: fieldPath(field), label: t(field.label), hint, error, disabled };

  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      {field.kind === 'integer' && <IntegerField {...common} value={value as number | undefined} onChange={onChange} />}
      {field.kind === 'toggle' && (
        <ToggleField
          {...common}
          checked={value === true}
          onChange={onChange}
          onLabel={t('email-notifications.toggle.on')}
          offLabel={t('email-notifications.toggle.off')}
        />
      )}
      {field.kind === 'textEncoding' && (
        <SelectField
          {...common}
          value={String(value)}
          options={ENCODINGS.map((encoding) => ({ value: encoding, label: encodingLabel(encoding) }))}
          onChange={onChange}
        />
      )}
      {isTextSetting(field.kind) && (
        <CodeField {...common} value={String(value ?? '')} onChange={onChange} rows={4} placeholder={TEXT_SETTINGS[field.kind].placeholder} />
      )}
      {(overridden || resetPending) && (
        <Flex gap={2} wrap="wrap" data-testid={`override-${fieldPath(field)}`}>
          {resetPending ? (
            <Typography variant="pi" textColor="neutral600">
              {t('email-notifications.options.resetPending')}
            </Typography>
          ) : (
            <>
              <Badge variant="secondary">{t('email-notifications.options.overridden')}</Badge>
              {!disabled && (
                <TextButton
                  startIcon={<ArrowClockwise />}
                  onClick={onReset}
                  aria-label={t('email-notifications.options.resetField', { label: t(field.label) })}
                >
                  {t('email-notifications.options.reset')}
                </TextButton>
              )}
            </>
          )}
        </Flex>
      )}
    </Flex>
  );
};
