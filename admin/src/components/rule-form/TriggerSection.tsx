/*
 * The "Trigger" card: what wakes the rule (record change, schedule, time passed, custom event), the
 * content type its records have, and the fields of that kind of trigger. Presentational: values and
 * errors belong to RuleEditor; schedule and time fields live in their own components.
 */
import { Checkbox, Field, Flex } from '@strapi/design-system';
import { RECORD_EVENTS, TRIGGER_TYPES, type RulesMeta } from '../../api/rule-types';
import { useT } from '../../utils/use-t';
import { SelectField } from '../form/SelectField';
import { TextField } from '../form/TextField';
import { Cell, FormSection } from '../form/FormSection';
import { errorAt, type FieldErrors } from '../form/field-errors';
import type { TriggerValues } from './rule-values';
import { ScheduleFields } from './ScheduleFields';
import { TimeFields } from './TimeFields';
import type { RuleField } from './use-rule-fields';

/** The event trigger's "no content type" choice (a select option cannot be empty). */
const NO_TYPE = '-';

export type TriggerUpdate = (patch: Partial<TriggerValues>, clear: string[]) => void;

interface TriggerSectionProps {
  trigger: TriggerValues;
  meta: RulesMeta;
  fields: readonly RuleField[];
  errors: FieldErrors;
  onChange: TriggerUpdate;
  disabled: boolean;
}

export const TriggerSection = ({ trigger, meta, fields, errors, onChange, disabled }: TriggerSectionProps) => {
  const t = useT();
  const typeOptions = meta.contentTypes.map(({ uid, displayName }) => ({ value: uid, label: `${displayName} (${uid})` }));
  // A content type the server no longer offers stays visible rather than silently changing.
  if (trigger.contentType && !typeOptions.some((option) => option.value === trigger.contentType)) {
    typeOptions.push({ value: trigger.contentType, label: trigger.contentType });
  }
  const isEvent = trigger.type === 'event';

  const toggleEvent = (event: (typeof RECORD_EVENTS)[number], checked: boolean) =>
    onChange({ events: RECORD_EVENTS.filter((e) => (e === event ? checked : trigger.events.includes(e))) }, ['trigger.events']);

  return (
    <FormSection title={t('email-notifications.ruleForm.section.trigger')} description={t('email-notifications.ruleForm.section.trigger.description')}>
      <Cell>
        <SelectField
          name="trigger.type"
          label={t('email-notifications.ruleForm.trigger.type.label')}
          value={trigger.type}
          options={TRIGGER_TYPES.map((type) => ({ value: type, label: t(`email-notifications.ruleForm.trigger.type.${type}`) }))}
          onChange={(type) => onChange({ type }, ['trigger'])}
          error={errors['trigger.type']}
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <SelectField
          name="trigger.contentType"
          label={t('email-notifications.ruleForm.trigger.contentType.label')}
          hint={isEvent ? t('email-notifications.ruleForm.trigger.contentType.eventHint') : undefined}
          value={trigger.contentType || (isEvent ? NO_TYPE : '')}
          options={isEvent ? [{ value: NO_TYPE, label: t('email-notifications.ruleForm.trigger.contentType.none') }, ...typeOptions] : typeOptions}
          onChange={(uid) => onChange({ contentType: uid === NO_TYPE ? '' : uid }, ['trigger.contentType'])}
          error={errors['trigger.contentType']}
          disabled={disabled}
        />
      </Cell>
      {trigger.type === 'record' && (
        <Cell full>
          <Field.Root name="trigger.events" error={errorAt(errors, 'trigger.events')}>
            <Field.Label>{t('email-notifications.ruleForm.trigger.events.label')}</Field.Label>
            <Flex gap={6} wrap="wrap" paddingTop={1} paddingBottom={1}>
              {RECORD_EVENTS.map((event) => (
                <Checkbox
                  key={event}
                  checked={trigger.events.includes(event)}
                  onCheckedChange={(checked) => toggleEvent(event, checked === true)}
                  disabled={disabled}
                >
                  {t(`email-notifications.ruleForm.trigger.event.${event}`)}
                </Checkbox>
              ))}
            </Flex>
            <Field.Error />
          </Field.Root>
        </Cell>
      )}
      {trigger.type === 'schedule' && <ScheduleFields trigger={trigger} errors={errors} onChange={onChange} disabled={disabled} />}
      {trigger.type === 'time' && <TimeFields trigger={trigger} fields={fields} errors={errors} onChange={onChange} disabled={disabled} />}
      {isEvent && (
        <Cell>
          <TextField
            name="trigger.name"
            label={t('email-notifications.ruleForm.trigger.eventName.label')}
            hint={t('email-notifications.ruleForm.trigger.eventName.hint')}
            value={trigger.eventName}
            onChange={(eventName) => onChange({ eventName }, ['trigger.name'])}
            error={errors['trigger.name']}
            required
            disabled={disabled}
          />
        </Cell>
      )}
    </FormSection>
  );
};
