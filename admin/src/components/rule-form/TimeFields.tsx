/*
 * The fields of a time trigger ("TAT exceeded"): the date field the hours count from, the hours (a
 * number, or read from a number field of the record), how often it repeats and how often it scans.
 */
import { useT } from '../../utils/use-t';
import { IntegerField } from '../form/IntegerField';
import { SelectField } from '../form/SelectField';
import { Cell } from '../form/FormSection';
import { errorAt, type FieldErrors } from '../form/field-errors';
import type { TriggerValues } from './rule-values';
import { SuggestField } from './SuggestField';
import { TimezoneField } from './TimezoneField';
import type { TriggerUpdate } from './TriggerSection';
import type { RuleField } from './use-rule-fields';

const DATE_TYPES = new Set(['date', 'datetime', 'timestamp']);
const NUMBER_TYPES = new Set(['integer', 'biginteger', 'float', 'decimal']);

interface TimeFieldsProps {
  trigger: TriggerValues;
  fields: readonly RuleField[];
  errors: FieldErrors;
  onChange: TriggerUpdate;
  disabled: boolean;
}

export const TimeFields = ({ trigger, fields, errors, onChange, disabled }: TimeFieldsProps) => {
  const t = useT();
  const named = (types: Set<string>) => fields.filter((field) => types.has(field.type)).map((field) => field.path);
  return (
    <>
      <Cell>
        <SuggestField
          name="trigger.field"
          label={t('email-notifications.ruleForm.trigger.field.label')}
          hint={t('email-notifications.ruleForm.trigger.field.hint')}
          value={trigger.field}
          suggestions={named(DATE_TYPES)}
          onChange={(field) => onChange({ field }, ['trigger.field'])}
          error={errors['trigger.field']}
          required
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <SelectField
          name="trigger.hoursFrom"
          label={t('email-notifications.ruleForm.trigger.hoursFrom.label')}
          value={trigger.hoursFrom}
          options={(['number', 'field'] as const).map((value) => ({ value, label: t(`email-notifications.ruleForm.trigger.hoursFrom.${value}`) }))}
          onChange={(hoursFrom) => onChange({ hoursFrom }, ['trigger.olderThanHours'])}
          disabled={disabled}
        />
      </Cell>
      <Cell>
        {trigger.hoursFrom === 'number' ? (
          <IntegerField
            name="trigger.olderThanHours"
            label={t('email-notifications.ruleForm.trigger.hours.label')}
            value={trigger.hours}
            onChange={(hours) => onChange({ hours }, ['trigger.olderThanHours'])}
            error={errorAt(errors, 'trigger.olderThanHours')}
            required
            disabled={disabled}
          />
        ) : (
          <SuggestField
            name="trigger.olderThanHours.field"
            label={t('email-notifications.ruleForm.trigger.hoursField.label')}
            value={trigger.hoursField}
            suggestions={named(NUMBER_TYPES)}
            onChange={(hoursField) => onChange({ hoursField }, ['trigger.olderThanHours'])}
            error={errorAt(errors, 'trigger.olderThanHours')}
            required
            disabled={disabled}
          />
        )}
      </Cell>
      <Cell>
        <SelectField
          name="trigger.repeat"
          label={t('email-notifications.ruleForm.trigger.repeat.label')}
          value={trigger.repeat}
          options={(['once', 'daily', 'perDueDate'] as const).map((value) => ({ value, label: t(`email-notifications.ruleForm.trigger.repeat.${value}`) }))}
          onChange={(repeat) => onChange({ repeat }, ['trigger.repeat'])}
          error={errors['trigger.repeat']}
          disabled={disabled}
        />
      </Cell>
      <TimezoneField trigger={trigger} hint="email-notifications.ruleForm.trigger.timezone.dailyHint" errors={errors} onChange={onChange} disabled={disabled} />
      <Cell>
        <IntegerField
          name="trigger.everyMinutes"
          label={t('email-notifications.ruleForm.trigger.everyMinutes.label')}
          value={trigger.everyMinutes}
          onChange={(everyMinutes) => onChange({ everyMinutes }, ['trigger.everyMinutes'])}
          error={errors['trigger.everyMinutes']}
          disabled={disabled}
        />
      </Cell>
    </>
  );
};
