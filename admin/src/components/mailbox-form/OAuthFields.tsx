/*
 * The OAuth2 part of the connection group (client id, client secret, refresh token, token URL).
 * Rendered inside ConnectionSection's grid only when authType is oauth2.
 */
import { TextField } from '../form/TextField';
import { useT } from '../../utils/use-t';
import { Cell } from '../form/FormSection';
import type { SectionProps } from './form-values';

export const OAuthFields = ({ values, errors, set, disabled, saved }: SectionProps) => {
  const t = useT();
  const savedSecret = t('email-notifications.form.secret.saved');
  const keepHint = t('email-notifications.form.secret.keepHint');
  return (
    <>
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
          name="oauthRefreshToken"
          type="password"
          autoComplete="new-password"
          label={t('email-notifications.form.oauthRefreshToken.label')}
          hint={saved?.hasOauthRefreshToken ? keepHint : undefined}
          placeholder={saved?.hasOauthRefreshToken ? savedSecret : undefined}
          value={values.oauthRefreshToken}
          onChange={(value) => set('oauthRefreshToken', value)}
          error={errors.oauthRefreshToken}
          disabled={disabled}
        />
      </Cell>
      <Cell>
        <TextField
          name="oauthAccessUrl"
          type="url"
          label={t('email-notifications.form.oauthAccessUrl.label')}
          hint={t('email-notifications.form.oauthAccessUrl.hint')}
          value={values.oauthAccessUrl}
          onChange={(value) => set('oauthAccessUrl', value)}
          error={errors.oauthAccessUrl}
          disabled={disabled}
        />
      </Cell>
    </>
  );
};
