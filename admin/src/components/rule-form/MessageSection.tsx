/*
 * The "Message" card: a saved template of the category the trigger needs (or "general"), or the rule's
 * own subject and text with {{ variables }}; and the task group whose mailboxes send it. Lists fall back
 * to typed names when the admin may not read templates or task groups.
 */
import { Field, Radio, Typography } from '@strapi/design-system';
import type { TriggerType } from '../../api/rule-types';
import type { Template } from '../../api/template-types';
import { useT } from '../../utils/use-t';
import { CodeField } from '../form/CodeField';
import { SelectField } from '../form/SelectField';
import { TextField } from '../form/TextField';
import { Cell, FormSection } from '../form/FormSection';
import { errorAt, type FieldErrors } from '../form/field-errors';
import type { RuleFormUpdate } from './GeneralSection';
import type { MessageMode, RuleFormValues } from './rule-values';

/** The template category each trigger renders with (DESIGN: record, digest, time, event). */
export const TEMPLATE_CATEGORY: Record<TriggerType, string> = { record: 'record', schedule: 'digest', time: 'time', event: 'event' };
const NO_GROUP = '-';

interface MessageSectionProps {
  values: RuleFormValues;
  /** Null when they cannot be listed. */
  templates: readonly Template[] | null;
  taskGroups: readonly string[] | null;
  errors: FieldErrors;
  onChange: RuleFormUpdate;
  disabled: boolean;
}

/** Template names a rule with this trigger may use, each once (a name can exist in several locales). */
function usableTemplates(templates: readonly Template[], type: TriggerType, contentType: string): string[] {
  const category = TEMPLATE_CATEGORY[type];
  const names = templates
    .filter(
      (template) => (template.category === category || template.category === 'general') && (!template.contentType || template.contentType === contentType),
    )
    .map((template) => template.name);
  return [...new Set(names)].sort();
}

export const MessageSection = ({ values, templates, taskGroups, errors, onChange, disabled }: MessageSectionProps) => {
  const t = useT();
  const category = TEMPLATE_CATEGORY[values.trigger.type];
  const names = templates ? usableTemplates(templates, values.trigger.type, values.trigger.contentType) : null;
  if (names && values.template && !names.includes(values.template)) names.unshift(values.template);
  const groups = taskGroups ? [...taskGroups] : null;
  if (groups && values.taskGroup && !groups.includes(values.taskGroup)) groups.unshift(values.taskGroup);

  return (
    <FormSection title={t('email-notifications.ruleForm.section.message')}>
      <Cell full>
        <Field.Root name="messageMode">
          <Field.Label>{t('email-notifications.ruleForm.message.mode')}</Field.Label>
          <Radio.Group
            value={values.messageMode}
            onValueChange={(messageMode: string) => onChange({ messageMode: messageMode as MessageMode }, ['template'])}
            disabled={disabled}
            aria-label={t('email-notifications.ruleForm.message.mode')}
          >
            <Radio.Item value="template">{t('email-notifications.ruleForm.message.mode.template')}</Radio.Item>
            <Radio.Item value="inline">{t('email-notifications.ruleForm.message.mode.inline')}</Radio.Item>
          </Radio.Group>
        </Field.Root>
      </Cell>
      {values.messageMode === 'template' ? (
        <Cell>
          {names ? (
            <SelectField
              name="template"
              label={t('email-notifications.ruleForm.message.template')}
              hint={
                names.length
                  ? t('email-notifications.ruleForm.message.template.hint', { category })
                  : t('email-notifications.ruleForm.message.template.none', { category })
              }
              value={values.template}
              options={names.map((name) => ({ value: name, label: name }))}
              onChange={(template) => onChange({ template }, ['template'])}
              error={errors.template}
              disabled={disabled}
            />
          ) : (
            <TextField
              name="template"
              label={t('email-notifications.ruleForm.message.template')}
              value={values.template}
              onChange={(template) => onChange({ template }, ['template'])}
              error={errors.template}
              disabled={disabled}
            />
          )}
        </Cell>
      ) : (
        <>
          <Cell full>
            <TextField
              name="template.subject"
              label={t('email-notifications.ruleForm.message.subject')}
              hint={t('email-notifications.ruleForm.message.subject.hint')}
              value={values.subject}
              onChange={(subject) => onChange({ subject }, ['template.subject'])}
              error={errors['template.subject'] ?? errors.template}
              required
              disabled={disabled}
            />
          </Cell>
          <Cell full>
            <CodeField
              name="template.text"
              label={t('email-notifications.ruleForm.message.text')}
              value={values.text}
              rows={8}
              onChange={(text) => onChange({ text }, ['template.text'])}
              error={errorAt(errors, 'template.text')}
              disabled={disabled}
            />
            {(values.kept.mjml !== undefined || values.kept.html !== undefined) && (
              <Typography variant="pi" textColor="neutral600">
                {t('email-notifications.ruleForm.message.keptBody')}
              </Typography>
            )}
          </Cell>
        </>
      )}
      <Cell>
        {groups ? (
          <SelectField
            name="taskGroup"
            label={t('email-notifications.ruleForm.taskGroup.label')}
            hint={t('email-notifications.ruleForm.taskGroup.hint')}
            value={values.taskGroup || NO_GROUP}
            options={[{ value: NO_GROUP, label: t('email-notifications.ruleForm.taskGroup.none') }, ...groups.map((name) => ({ value: name, label: name }))]}
            onChange={(group) => onChange({ taskGroup: group === NO_GROUP ? '' : group }, ['taskGroup'])}
            error={errors.taskGroup}
            disabled={disabled}
          />
        ) : (
          <TextField
            name="taskGroup"
            label={t('email-notifications.ruleForm.taskGroup.label')}
            hint={t('email-notifications.ruleForm.taskGroup.hint')}
            value={values.taskGroup}
            onChange={(taskGroup) => onChange({ taskGroup }, ['taskGroup'])}
            error={errors.taskGroup}
            disabled={disabled}
          />
        )}
      </Cell>
    </FormSection>
  );
};
