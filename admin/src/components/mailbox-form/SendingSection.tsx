/*
 * "Sending" group of the mailbox form: routing priority and weight, connection pool size, and the
 * per-minute rate limit and daily quota (0 = unlimited). Ranges are enforced by the server.
 */
import { IntegerField } from '../form/IntegerField';
import { useT } from '../../utils/use-t';
import { Cell, FormSection } from '../form/FormSection';
import type { FieldName, SectionProps } from './form-values';

const NUMBER_FIELDS = ['priority', 'weight', 'poolSize', 'rateLimitPerMinute', 'dailyQuota'] as const satisfies readonly FieldName[];

export const SendingSection = ({ values, errors, set, disabled }: SectionProps) => {
  const t = useT();
  return (
    <FormSection title={t('email-notifications.form.section.sending')}>
      {NUMBER_FIELDS.map((name) => (
        <Cell key={name}>
          <IntegerField
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
    </FormSection>
  );
};
