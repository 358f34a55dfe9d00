/*
 * "Location (geo routing)" group of the mailbox form: where the SMTP server is, as coordinates and/or
 * a country code. Every field may stay empty (unknown); ranges and formats are checked by the server.
 */
import { TextField } from '../form/TextField';
import { useT } from '../../utils/use-t';
import { Cell, FormSection } from '../form/FormSection';
import type { SectionProps } from './form-values';

export const LocationSection = ({ values, errors, set, disabled }: SectionProps) => {
  const t = useT();
  return (
    <FormSection title={t('email-notifications.form.section.location')} description={t('email-notifications.form.section.location.description')}>
      {(['latitude', 'longitude'] as const).map((name) => (
        <Cell key={name}>
          <TextField
            name={name}
            label={t(`email-notifications.form.${name}.label`)}
            hint={t(`email-notifications.form.${name}.hint`)}
            value={values[name]}
            onChange={(value) => set(name, value)}
            error={errors[name]}
            disabled={disabled}
          />
        </Cell>
      ))}
      <Cell>
        <TextField
          name="countryCode"
          label={t('email-notifications.form.countryCode.label')}
          hint={t('email-notifications.form.countryCode.hint')}
          value={values.countryCode}
          // Codes are upper-case (DE); typing "de" is the same intent.
          onChange={(value) => set('countryCode', value.trim().toUpperCase())}
          error={errors.countryCode}
          disabled={disabled}
        />
      </Cell>
    </FormSection>
  );
};
