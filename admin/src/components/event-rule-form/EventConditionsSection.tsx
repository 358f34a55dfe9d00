/*
 * The "Conditions" card: when an event of the rule's type counts (time of day in a time zone, days of
 * the week) and which mailbox, server and customer it must concern. Every condition is optional; an
 * empty one is left out. Presentational: values and errors (`conditions.*`) belong to EventRuleEditor.
 */
import * as React from 'react';
import { Checkbox, Field, Flex } from '@strapi/design-system';
import { DAYS_OF_WEEK, type DayOfWeek } from '../../api/event-rule-types';
import { useT, type MessageId } from '../../utils/use-t';
import { errorAt, type FieldErrors } from '../form/field-errors';
import { Cell, FormSection } from '../form/FormSection';
import { IntegerField } from '../form/IntegerField';
import { SelectField } from '../form/SelectField';
import { TextField } from '../form/TextField';
import type { ConditionValues, TriState } from './event-rule-values';

interface EventConditionsSectionProps {
  conditions: ConditionValues;
  /** IANA names the time zone select offers. */
  timezones: readonly string[];
  errors: FieldErrors;
  onChange: (patch: Partial<ConditionValues>, clear: string[]) => void;
  disabled: boolean;
}

const TRI_STATES: TriState[] = ['any', 'true', 'false'];

export const EventConditionsSection = ({ conditions, timezones, errors, onChange, disabled }: EventConditionsSectionProps) => {
  const t = useT();
  const zones = React.useMemo(() => (timezones.includes(conditions.timezone) ? timezones : [conditions.timezone, ...timezones]), [timezones, conditions.timezone]);
  const text = (key: 'smtpServer' | 'emailAddress' | 'customerEmail', label: MessageId, hint: MessageId, placeholder: string) => (
    <Cell>
      <TextField
        name={`conditions.${key}`}
        label={t(label)}
        hint={t(hint)}
        placeholder={placeholder}
        value={conditions[key]}
        onChange={(value) => onChange({ [key]: value }, [`conditions.${key}`])}
        error={errors[`conditions.${key}`]}
        disabled={disabled}
      />
    </Cell>
  );
  const triState = (key: 'ssl' | 'requiresAuth', label: MessageId) => (
    <Cell>
      <SelectField
        name={`conditions.${key}`}
        label={t(label)}
        value={conditions[key]}
        options={TRI_STATES.map((value) => ({ value, label: t(`email-notifications.eventForm.triState.${value}`) }))}
        onChange={(value) => onChange({ [key]: value }, [`conditions.${key}`])}
        error={errors[`conditions.${key}`]}
        disabled={disabled}
      />
    </Cell>
  );
  const toggleDay = (day: DayOfWeek, checked: boolean) => {
    const chosen = new Set(conditions.daysOfWeek);
    if (checked) chosen.add(day);
    else chosen.delete(day);
    onChange({ daysOfWeek: DAYS_OF_WEEK.filter((d) => chosen.has(d)) }, ['conditions.daysOfWeek']);
  };

  return (
    <FormSection title={t('email-notifications.eventForm.section.conditions')} description={t('email-notifications.eventForm.section.conditions.description')}>
      <Cell>
        <TextField
          name="conditions.timeOfDay.from"
          label={t('email-notifications.eventForm.timeFrom.label')}
          hint={t('email-notifications.eventForm.timeFrom.hint')}
          placeholder="08:00"
          value={conditions.timeFrom}
          onChange={(timeFrom) => onChange({ timeFrom }, ['conditions.timeOfDay'])}
          error={errors['conditions.timeOfDay.from'] ?? errors['conditions.timeOfDay']}
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <TextField
          name="conditions.timeOfDay.to"
          label={t('email-notifications.eventForm.timeTo.label')}
          hint={t('email-notifications.eventForm.timeTo.hint')}
          placeholder="18:00"
          value={conditions.timeTo}
          onChange={(timeTo) => onChange({ timeTo }, ['conditions.timeOfDay'])}
          error={errors['conditions.timeOfDay.to']}
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <SelectField
          name="conditions.timeOfDay.timezone"
          label={t('email-notifications.eventForm.timezone.label')}
          hint={t('email-notifications.eventForm.timezone.hint')}
          value={conditions.timezone}
          options={zones.map((zone) => ({ value: zone, label: zone }))}
          onChange={(timezone) => onChange({ timezone }, ['conditions.timeOfDay.timezone'])}
          error={errors['conditions.timeOfDay.timezone']}
          disabled={disabled}
        />
      </Cell>
      <Cell full>
        <Field.Root name="conditions.daysOfWeek" error={errorAt(errors, 'conditions.daysOfWeek')} hint={t('email-notifications.eventForm.daysOfWeek.hint')}>
          <Field.Label>{t('email-notifications.eventForm.daysOfWeek.label')}</Field.Label>
          <Flex gap={6} wrap="wrap" paddingTop={1} paddingBottom={1} data-testid="days-of-week">
            {DAYS_OF_WEEK.map((day) => (
              <Checkbox key={day} checked={conditions.daysOfWeek.includes(day)} onCheckedChange={(checked) => toggleDay(day, checked === true)} disabled={disabled}>
                {t(`email-notifications.eventForm.day.${day}`)}
              </Checkbox>
            ))}
          </Flex>
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      </Cell>
      {text('smtpServer', 'email-notifications.eventForm.smtpServer.label', 'email-notifications.eventForm.smtpServer.hint', 'smtp.*.example.com')}
      <Cell>
        <IntegerField
          name="conditions.port"
          label={t('email-notifications.eventForm.port.label')}
          hint={t('email-notifications.eventForm.port.hint')}
          value={conditions.port}
          onChange={(port) => onChange({ port }, ['conditions.port'])}
          error={errors['conditions.port']}
          disabled={disabled}
        />
      </Cell>
      {text('emailAddress', 'email-notifications.eventForm.emailAddress.label', 'email-notifications.eventForm.emailAddress.hint', 'helpdesk@example.com')}
      {text('customerEmail', 'email-notifications.eventForm.customerEmail.label', 'email-notifications.eventForm.customerEmail.hint', '*@customer.example')}
      {triState('ssl', 'email-notifications.eventForm.ssl.label')}
      {triState('requiresAuth', 'email-notifications.eventForm.requiresAuth.label')}
    </FormSection>
  );
};
