/*
 * "Connection" group of the mailbox form: server, TLS and authentication. Secrets are write-only:
 * a saved one shows as a placeholder and an empty input keeps it. OAuth2 fields appear only for oauth2.
 */
import { IntegerField } from '../form/IntegerField';
import { SelectField } from '../form/SelectField';
import { TextField } from '../form/TextField';
import { ToggleField } from '../form/ToggleField';
import { useT } from '../../utils/use-t';
import { Cell, FormSection } from '../form/FormSection';
import { OAuthFields } from './OAuthFields';
import type { SectionProps } from './form-values';

export const ConnectionSection = (props: SectionProps) => {
  const { values, errors, set, disabled, saved } = props;
  const t = useT();
  const savedSecret = t('email-notifications.form.secret.saved');
  return (
    <FormSection title={t('email-notifications.form.section.connection')}>
      <Cell>
        <TextField
          name="host"
          label={t('email-notifications.form.host.label')}
          hint={t('email-notifications.form.host.hint')}
          value={values.host}
          onChange={(value) => set('host', value)}
          error={errors.host}
          required
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <IntegerField
          name="port"
          label={t('email-notifications.form.port.label')}
          hint={t('email-notifications.form.port.hint')}
          value={values.port}
          onChange={(value) => set('port', value)}
          error={errors.port}
          required
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <SelectField
          name="security"
          label={t('email-notifications.form.security.label')}
          value={values.security}
          options={[
            { value: 'starttls', label: t('email-notifications.security.starttls') },
            { value: 'ssl', label: t('email-notifications.security.ssl') },
            { value: 'none', label: t('email-notifications.security.none') },
          ]}
          onChange={(value) => set('security', value)}
          error={errors.security}
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <ToggleField
          name="tlsRejectUnauthorized"
          label={t('email-notifications.form.tlsRejectUnauthorized.label')}
          hint={t('email-notifications.form.tlsRejectUnauthorized.hint')}
          checked={values.tlsRejectUnauthorized}
          onChange={(value) => set('tlsRejectUnauthorized', value)}
          onLabel={t('email-notifications.toggle.on')}
          offLabel={t('email-notifications.toggle.off')}
          error={errors.tlsRejectUnauthorized}
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <SelectField
          name="authType"
          label={t('email-notifications.form.authType.label')}
          value={values.authType}
          options={[
            { value: 'none', label: t('email-notifications.authType.none') },
            { value: 'login', label: t('email-notifications.authType.login') },
            { value: 'oauth2', label: t('email-notifications.authType.oauth2') },
          ]}
          onChange={(value) => set('authType', value)}
          error={errors.authType}
          disabled={disabled}
        />
      </Cell>
      {values.authType !== 'none' && (
        <Cell>
          <TextField
            name="authUser"
            label={t('email-notifications.form.authUser.label')}
            value={values.authUser}
            onChange={(value) => set('authUser', value)}
            error={errors.authUser}
            required
            disabled={disabled}
          />
        </Cell>
      )}
      {values.authType === 'login' && (
        <Cell>
          <TextField
            name="password"
            type="password"
            autoComplete="new-password"
            label={t('email-notifications.form.password.label')}
            hint={saved?.hasPassword ? t('email-notifications.form.secret.keepHint') : undefined}
            placeholder={saved?.hasPassword ? savedSecret : undefined}
            value={values.password}
            onChange={(value) => set('password', value)}
            error={errors.password}
            disabled={disabled}
          />
        </Cell>
      )}
      {values.authType === 'oauth2' && <OAuthFields {...props} />}
    </FormSection>
  );
};
