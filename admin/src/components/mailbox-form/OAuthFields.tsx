/*
 * The OAuth2 part of the connection group: provider, tenant (Microsoft), client id and secret, and the
 * endpoints and scopes (empty = the provider's). Rendered inside ConnectionSection's grid only when
 * authType is oauth2. Signing in is OAuthSignInSection's; a refresh token can also be pasted here.
 */
import { SelectField } from '../form/SelectField';
import { TextField } from '../form/TextField';
import { useT } from '../../utils/use-t';
import { Cell } from '../form/FormSection';
import type { SectionProps } from './form-values';

export const OAuthFields = ({ values, errors, set, disabled, saved }: SectionProps) => {
  const t = useT();
  const savedSecret = t('email-notifications.form.secret.saved');
  const keepHint = t('email-notifications.form.secret.keepHint');
  const custom = values.oauthProvider === 'custom';
  const providerDefault = custom ? undefined : t('email-notifications.form.oauth.providerDefault');
  return (
    <>
      <Cell>
        <SelectField
          name="oauthProvider"
          label={t('email-notifications.form.oauthProvider.label')}
          value={values.oauthProvider}
          options={[
            { value: 'microsoft', label: t('email-notifications.oauthProvider.microsoft') },
            { value: 'google', label: t('email-notifications.oauthProvider.google') },
            { value: 'custom', label: t('email-notifications.oauthProvider.custom') },
          ]}
          onChange={(value) => set('oauthProvider', value)}
          error={errors.oauthProvider}
          disabled={disabled}
        />
      </Cell>
      {values.oauthProvider === 'microsoft' && (
        <Cell>
          <TextField
            name="oauthTenant"
            label={t('email-notifications.form.oauthTenant.label')}
            hint={t('email-notifications.form.oauthTenant.hint')}
            value={values.oauthTenant}
            onChange={(value) => set('oauthTenant', value)}
            error={errors.oauthTenant}
            disabled={disabled}
          />
        </Cell>
      )}
      <Cell>
        <TextField
          name="oauthClientId"
          label={t('email-notifications.form.oauthClientId.label')}
          value={values.oauthClientId}
          onChange={(value) => set('oauthClientId', value)}
          error={errors.oauthClientId}
          required
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <TextField
          name="oauthClientSecret"
          type="password"
          autoComplete="new-password"
          label={t('email-notifications.form.oauthClientSecret.label')}
          hint={saved?.hasOauthClientSecret ? keepHint : undefined}
          placeholder={saved?.hasOauthClientSecret ? savedSecret : undefined}
          value={values.oauthClientSecret}
          onChange={(value) => set('oauthClientSecret', value)}
          error={errors.oauthClientSecret}
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <TextField
          name="oauthAccessUrl"
          type="url"
          label={t('email-notifications.form.oauthAccessUrl.label')}
          hint={t('email-notifications.form.oauthAccessUrl.hint')}
          placeholder={providerDefault}
          value={values.oauthAccessUrl}
          onChange={(value) => set('oauthAccessUrl', value)}
          error={errors.oauthAccessUrl}
          required={custom}
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <TextField
          name="oauthAuthorizeUrl"
          type="url"
          label={t('email-notifications.form.oauthAuthorizeUrl.label')}
          hint={t('email-notifications.form.oauthAuthorizeUrl.hint')}
          placeholder={providerDefault}
          value={values.oauthAuthorizeUrl}
          onChange={(value) => set('oauthAuthorizeUrl', value)}
          error={errors.oauthAuthorizeUrl}
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <TextField
          name="oauthScope"
          label={t('email-notifications.form.oauthScope.label')}
          hint={t('email-notifications.form.oauthScope.hint')}
          placeholder={providerDefault}
          value={values.oauthScope}
          onChange={(value) => set('oauthScope', value)}
          error={errors.oauthScope}
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <TextField
          name="oauthRefreshToken"
          type="password"
          autoComplete="new-password"
          label={t('email-notifications.form.oauthRefreshToken.label')}
          hint={t('email-notifications.form.oauthRefreshToken.hint')}
          placeholder={saved?.hasOauthRefreshToken ? savedSecret : undefined}
          value={values.oauthRefreshToken}
          onChange={(value) => set('oauthRefreshToken', value)}
          error={errors.oauthRefreshToken}
          disabled={disabled}
        />
      </Cell>
    </>
  );
};
