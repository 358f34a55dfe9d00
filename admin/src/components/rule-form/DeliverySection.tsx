/*
 * The "Delivery" card of the rule form: the mailbox that sends it (over the task group's routing), the
 * record's IP address field for geo routing, the media fields to attach, and whether recipients may
 * unsubscribe (one-click) or the mail is critical. Presentational: values and errors belong to RuleEditor.
 */
import type { UnsubscribeMode } from '../../api/rule-types';
import { useT } from '../../utils/use-t';
import { SelectField } from '../form/SelectField';
import { TextField } from '../form/TextField';
import { Cell, FormSection } from '../form/FormSection';
import { errorAt, type FieldErrors } from '../form/field-errors';
import type { RuleFormUpdate } from './GeneralSection';
import type { RuleFormValues } from './rule-values';
import { SuggestField } from './SuggestField';
import type { RuleField } from './use-rule-fields';

const ROUTED = '-';
const NOT_OFFERED = 'default';
const IP_TYPES = new Set(['string', 'text']);

interface DeliverySectionProps {
  values: RuleFormValues;
  /** Null when the admin may not list mailboxes: the name is typed. */
  mailboxes: readonly string[] | null;
  fields: readonly RuleField[];
  errors: FieldErrors;
  onChange: RuleFormUpdate;
  disabled: boolean;
}

export const DeliverySection = ({ values, mailboxes, fields, errors, onChange, disabled }: DeliverySectionProps) => {
  const t = useT();
  const names = mailboxes ? [...mailboxes] : null;
  if (names && values.mailbox && !names.includes(values.mailbox)) names.unshift(values.mailbox);
  const mailboxLabel = t('email-notifications.ruleForm.mailbox.label');
  const mailboxHint = t('email-notifications.ruleForm.mailbox.hint');

  return (
    <FormSection title={t('email-notifications.ruleForm.section.delivery')} description={t('email-notifications.ruleForm.section.delivery.description')}>
      <Cell>
        {names ? (
          <SelectField
            name="mailbox"
            label={mailboxLabel}
            hint={mailboxHint}
            value={values.mailbox || ROUTED}
            options={[{ value: ROUTED, label: t('email-notifications.ruleForm.mailbox.routed') }, ...names.map((name) => ({ value: name, label: name }))]}
            onChange={(mailbox) => onChange({ mailbox: mailbox === ROUTED ? '' : mailbox }, ['mailbox'])}
            error={errors.mailbox}
            disabled={disabled}
          />
        ) : (
          <TextField name="mailbox" label={mailboxLabel} hint={mailboxHint} value={values.mailbox} onChange={(mailbox) => onChange({ mailbox }, ['mailbox'])} error={errors.mailbox} disabled={disabled} />
        )}
      </Cell>
      <Cell>
        <SelectField
          name="unsubscribe"
          label={t('email-notifications.ruleForm.unsubscribe.label')}
          hint={t(`email-notifications.ruleForm.unsubscribe.hint.${values.unsubscribe || NOT_OFFERED}`)}
          value={values.unsubscribe || NOT_OFFERED}
          options={[
            { value: NOT_OFFERED, label: t('email-notifications.ruleForm.unsubscribe.default') },
            { value: 'allowed', label: t('email-notifications.ruleForm.unsubscribe.allowed') },
            { value: 'critical', label: t('email-notifications.ruleForm.unsubscribe.critical') },
          ]}
          onChange={(mode) => onChange({ unsubscribe: mode === NOT_OFFERED ? '' : (mode as UnsubscribeMode) }, ['unsubscribe'])}
          error={errors.unsubscribe}
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <SuggestField
          name="recipientIpPath"
          label={t('email-notifications.ruleForm.recipientIpPath.label')}
          hint={t('email-notifications.ruleForm.recipientIpPath.hint')}
          placeholder="customer.lastLoginIp"
          value={values.recipientIpPath}
          suggestions={fields.filter((field) => IP_TYPES.has(field.type)).map((field) => field.path)}
          onChange={(recipientIpPath) => onChange({ recipientIpPath }, ['recipientIpPath'])}
          error={errors.recipientIpPath}
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <TextField
          name="attachments"
          label={t('email-notifications.ruleForm.attachments.label')}
          hint={t('email-notifications.ruleForm.attachments.hint')}
          value={values.attachments}
          onChange={(attachments) => onChange({ attachments }, ['attachments'])}
          error={errorAt(errors, 'attachments')}
          disabled={disabled}
        />
      </Cell>
    </FormSection>
  );
};
