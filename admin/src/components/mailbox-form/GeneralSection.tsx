/*
 * "General" group of the mailbox form: name, direction, enabled, sender and the default flag.
 * The default flag cannot be switched off here: the server keeps exactly one default mailbox.
 */
import { TextField } from '../form/TextField';
import { SelectField } from '../form/SelectField';
import { ToggleField } from '../form/ToggleField';
import { useT } from '../../utils/use-t';
import { Cell, FormSection } from '../form/FormSection';
import type { SectionProps } from './form-values';

export const GeneralSection = ({ values, errors, set, disabled, saved }: SectionProps) => {
  const t = useT();
  const isSavedDefault = !!saved?.isDefault;
  return (
    <FormSection title={t('email-notifications.form.section.general')}>
      <Cell>
        <TextField
          name="name"
          label={t('email-notifications.form.name.label')}
          hint={t('email-notifications.form.name.hint')}
          value={values.name}
          onChange={(value) => set('name', value)}
          error={errors.name}
          required
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <SelectField
          name="direction"
          label={t('email-notifications.form.direction.label')}
          hint={t('email-notifications.form.direction.hint')}
          value={values.direction}
          options={[
            { value: 'out', label: t('email-notifications.direction.out') },
            { value: 'in', label: t('email-notifications.direction.in') },
          ]}
          onChange={(value) => set('direction', value)}
          error={errors.direction}
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <TextField
          name="fromAddress"
          type="email"
          label={t('email-notifications.form.fromAddress.label')}
          hint={t('email-notifications.form.fromAddress.hint')}
          value={values.fromAddress}
          onChange={(value) => set('fromAddress', value)}
          error={errors.fromAddress}
          required
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <TextField
          name="displayName"
          label={t('email-notifications.form.displayName.label')}
          hint={t('email-notifications.form.displayName.hint')}
          value={values.displayName}
          onChange={(value) => set('displayName', value)}
          error={errors.displayName}
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <ToggleField
          name="enabled"
          label={t('email-notifications.form.enabled.label')}
          hint={t('email-notifications.form.enabled.hint')}
          checked={values.enabled}
          onChange={(value) => set('enabled', value)}
          onLabel={t('email-notifications.toggle.on')}
          offLabel={t('email-notifications.toggle.off')}
          error={errors.enabled}
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <ToggleField
          name="isDefault"
          label={t('email-notifications.form.isDefault.label')}
          hint={t(isSavedDefault ? 'email-notifications.form.isDefault.hint.current' : 'email-notifications.form.isDefault.hint')}
          checked={values.isDefault}
          onChange={(value) => set('isDefault', value)}
          onLabel={t('email-notifications.toggle.yes')}
          offLabel={t('email-notifications.toggle.no')}
          error={errors.isDefault}
          disabled={disabled || isSavedDefault || values.direction !== 'out'}
        />
      </Cell>
    </FormSection>
  );
};
