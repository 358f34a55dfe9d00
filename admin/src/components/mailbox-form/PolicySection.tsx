/*
 * "Policy" group of the mailbox form: subject prefix, who may receive mail, and the exclude expression
 * (a regular expression of blocked recipients, checked for catastrophic backtracking by the server).
 */
import { SelectField } from '../form/SelectField';
import { TextField } from '../form/TextField';
import { useT } from '../../utils/use-t';
import { Cell, FormSection } from '../form/FormSection';
import type { SectionProps } from './form-values';

export const PolicySection = ({ values, errors, set, disabled }: SectionProps) => {
  const t = useT();
  return (
    <FormSection title={t('email-notifications.form.section.policy')}>
      <Cell>
        <TextField
          name="subjectPrefix"
          label={t('email-notifications.form.subjectPrefix.label')}
          hint={t('email-notifications.form.subjectPrefix.hint')}
          value={values.subjectPrefix}
          onChange={(value) => set('subjectPrefix', value)}
          error={errors.subjectPrefix}
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <SelectField
          name="allowedRecipients"
          label={t('email-notifications.form.allowedRecipients.label')}
          value={values.allowedRecipients}
          options={[
            { value: 'anyone', label: t('email-notifications.allowedRecipients.anyone') },
            { value: 'registered', label: t('email-notifications.allowedRecipients.registered') },
          ]}
          onChange={(value) => set('allowedRecipients', value)}
          error={errors.allowedRecipients}
          disabled={disabled}
        />
      </Cell>
      <Cell full>
        <TextField
          name="excludeExpression"
          label={t('email-notifications.form.excludeExpression.label')}
          hint={t('email-notifications.form.excludeExpression.hint')}
          value={values.excludeExpression}
          onChange={(value) => set('excludeExpression', value)}
          error={errors.excludeExpression}
          disabled={disabled}
        />
      </Cell>
    </FormSection>
  );
};
