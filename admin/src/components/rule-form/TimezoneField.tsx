/*
 * The time zone input of the schedule and time triggers (an IANA name such as "Europe/Berlin"), with
 * the hint that says which clock it sets. Presentational: the value and its server error belong to
 * RuleEditor; the server checks the name.
 */
import { useT, type MessageId } from '../../utils/use-t';
import type { FieldErrors } from '../form/field-errors';
import { Cell } from '../form/FormSection';
import { TextField } from '../form/TextField';
import type { TriggerValues } from './rule-values';
import type { TriggerUpdate } from './TriggerSection';

interface TimezoneFieldProps {
  trigger: TriggerValues;
  /** What the zone is for in this trigger (the cron's clock, the calendar of "daily"). */
  hint: MessageId;
  errors: FieldErrors;
  onChange: TriggerUpdate;
  disabled: boolean;
}

export const TimezoneField = ({ trigger, hint, errors, onChange, disabled }: TimezoneFieldProps) => {
  const t = useT();
  return (
    <Cell>
      <TextField
        name="trigger.timezone"
        label={t('email-notifications.ruleForm.trigger.timezone.label')}
        hint={t(hint)}
        value={trigger.timezone}
        onChange={(timezone) => onChange({ timezone }, ['trigger.timezone'])}
        error={errors['trigger.timezone']}
        disabled={disabled}
      />
    </Cell>
  );
};
