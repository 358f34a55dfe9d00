/*
 * The "Event rule" card of the SMTP event rule form: name, the enabled switch, the event type and the
 * max frequency. Presentational: values and errors belong to EventRuleEditor.
 */
import { EVENT_TYPES } from '../../api/event-rule-types';
import { useT } from '../../utils/use-t';
import type { FieldErrors } from '../form/field-errors';
import { Cell, FormSection } from '../form/FormSection';
import { IntegerField } from '../form/IntegerField';
import { SelectField } from '../form/SelectField';
import { TextField } from '../form/TextField';
import { ToggleField } from '../form/ToggleField';
import type { EventRuleFormValues } from './event-rule-values';

export type EventRuleUpdate = (patch: Partial<EventRuleFormValues>, clear: string[]) => void;

interface EventGeneralSectionProps {
  values: EventRuleFormValues;
  errors: FieldErrors;
  onChange: EventRuleUpdate;
  disabled: boolean;
}

export const EventGeneralSection = ({ values, errors, onChange, disabled }: EventGeneralSectionProps) => {
  const t = useT();
  return (
    <FormSection title={t('email-notifications.eventForm.section.rule')}>
      <Cell>
        <TextField
          name="name"
          label={t('email-notifications.eventForm.name.label')}
          value={values.name}
          onChange={(name) => onChange({ name }, ['name'])}
          error={errors.name}
          required
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <ToggleField
          name="enabled"
          label={t('email-notifications.eventForm.enabled.label')}
          hint={t('email-notifications.eventForm.enabled.hint')}
          checked={values.enabled}
          onChange={(enabled) => onChange({ enabled }, ['enabled'])}
          onLabel={t('email-notifications.toggle.on')}
          offLabel={t('email-notifications.toggle.off')}
          error={errors.enabled}
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <SelectField
          name="eventType"
          label={t('email-notifications.eventForm.eventType.label')}
          value={values.eventType}
          options={EVENT_TYPES.map((type) => ({ value: type, label: t(`email-notifications.events.type.${type}`) }))}
          onChange={(eventType) => onChange({ eventType }, ['eventType'])}
          error={errors.eventType}
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <IntegerField
          name="maxFrequencyMinutes"
          label={t('email-notifications.eventForm.maxFrequency.label')}
          hint={t('email-notifications.eventForm.maxFrequency.hint')}
          value={values.maxFrequencyMinutes}
          onChange={(maxFrequencyMinutes) => onChange({ maxFrequencyMinutes }, ['maxFrequencyMinutes'])}
          error={errors.maxFrequencyMinutes}
          required
          disabled={disabled}
        />
      </Cell>
    </FormSection>
  );
};
