/*
 * The fields of a schedule (digest) trigger: cron and time zone, the filters of the listed records as
 * a condition tree in JSON, whether to send an empty digest, the record cap and what to do after a downtime.
 */
import { useT } from '../../utils/use-t';
import { CodeField } from '../form/CodeField';
import { IntegerField } from '../form/IntegerField';
import { SelectField } from '../form/SelectField';
import { TextField } from '../form/TextField';
import { ToggleField } from '../form/ToggleField';
import { Cell } from '../form/FormSection';
import { errorAt, type FieldErrors } from '../form/field-errors';
import type { TriggerValues } from './rule-values';
import { TimezoneField } from './TimezoneField';
import type { TriggerUpdate } from './TriggerSection';

interface ScheduleFieldsProps {
  trigger: TriggerValues;
  errors: FieldErrors;
  onChange: TriggerUpdate;
  disabled: boolean;
}

export const ScheduleFields = ({ trigger, errors, onChange, disabled }: ScheduleFieldsProps) => {
  const t = useT();
  return (
    <>
      <Cell>
        <TextField
          name="trigger.cron"
          label={t('email-notifications.ruleForm.trigger.cron.label')}
          hint={t('email-notifications.ruleForm.trigger.cron.hint')}
          value={trigger.cron}
          onChange={(cron) => onChange({ cron }, ['trigger.cron'])}
          error={errors['trigger.cron']}
          required
          disabled={disabled}
        />
      </Cell>
      <TimezoneField trigger={trigger} hint="email-notifications.ruleForm.trigger.timezone.hint" errors={errors} onChange={onChange} disabled={disabled} />
      <Cell full>
        <CodeField
          name="trigger.filters"
          label={t('email-notifications.ruleForm.trigger.filters.label')}
          hint={t('email-notifications.ruleForm.trigger.filters.hint')}
          value={trigger.filters}
          rows={4}
          placeholder='{ "all": [{ "field": "stage", "op": "equals", "value": "received" }] }'
          onChange={(filters) => onChange({ filters }, ['trigger.filters'])}
          error={errorAt(errors, 'trigger.filters')}
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <ToggleField
          name="trigger.sendWhenEmpty"
          label={t('email-notifications.ruleForm.trigger.sendWhenEmpty.label')}
          checked={trigger.sendWhenEmpty}
          onChange={(sendWhenEmpty) => onChange({ sendWhenEmpty }, ['trigger.sendWhenEmpty'])}
          onLabel={t('email-notifications.toggle.yes')}
          offLabel={t('email-notifications.toggle.no')}
          error={errors['trigger.sendWhenEmpty']}
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <IntegerField
          name="trigger.maxRecords"
          label={t('email-notifications.ruleForm.trigger.maxRecords.label')}
          value={trigger.maxRecords}
          onChange={(maxRecords) => onChange({ maxRecords }, ['trigger.maxRecords'])}
          error={errors['trigger.maxRecords']}
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <SelectField
          name="trigger.catchUp"
          label={t('email-notifications.ruleForm.trigger.catchUp.label')}
          value={trigger.catchUp}
          options={(['runOnce', 'skip'] as const).map((value) => ({ value, label: t(`email-notifications.ruleForm.trigger.catchUp.${value}`) }))}
          onChange={(catchUp) => onChange({ catchUp }, ['trigger.catchUp'])}
          error={errors['trigger.catchUp']}
          disabled={disabled}
        />
      </Cell>
    </>
  );
};
