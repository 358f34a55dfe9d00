/*
 * The "Rule" card of the rule form: name, category (what notification profiles subscribe to),
 * description and the enabled switch. Presentational: values and errors belong to RuleEditor.
 */
import { useT } from '../../utils/use-t';
import { TextField } from '../form/TextField';
import { ToggleField } from '../form/ToggleField';
import { Cell, FormSection } from '../form/FormSection';
import type { FieldErrors } from '../form/field-errors';
import type { RuleFormValues } from './rule-values';

export type RuleFormUpdate = (patch: Partial<RuleFormValues>, clear: string[]) => void;

interface GeneralSectionProps {
  values: RuleFormValues;
  errors: FieldErrors;
  onChange: RuleFormUpdate;
  disabled: boolean;
}

export const GeneralSection = ({ values, errors, onChange, disabled }: GeneralSectionProps) => {
  const t = useT();
  return (
    <FormSection title={t('email-notifications.ruleForm.section.rule')}>
      <Cell>
        <TextField
          name="name"
          label={t('email-notifications.ruleForm.name.label')}
          value={values.name}
          onChange={(name) => onChange({ name }, ['name'])}
          error={errors.name}
          required
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <TextField
          name="category"
          label={t('email-notifications.ruleForm.category.label')}
          hint={t('email-notifications.ruleForm.category.hint')}
          value={values.category}
          onChange={(category) => onChange({ category }, ['category'])}
          error={errors.category}
          required
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <TextField
          name="description"
          label={t('email-notifications.ruleForm.description.label')}
          value={values.description}
          onChange={(description) => onChange({ description }, ['description'])}
          error={errors.description}
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <ToggleField
          name="enabled"
          label={t('email-notifications.ruleForm.enabled.label')}
          hint={t('email-notifications.ruleForm.enabled.hint')}
          checked={values.enabled}
          onChange={(enabled) => onChange({ enabled }, ['enabled'])}
          onLabel={t('email-notifications.toggle.on')}
          offLabel={t('email-notifications.toggle.off')}
          disabled={disabled}
        />
      </Cell>
    </FormSection>
  );
};
