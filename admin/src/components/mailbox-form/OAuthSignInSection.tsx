/*
 * "OAuth2 sign-in" group of the mailbox form (authType oauth2): the redirect URI to register with the
 * provider, the scopes asked for, whether the mailbox is signed in (and until when its access token
 * lasts), and "Sign in with Microsoft / Google", which sends the browser to the provider. It never sees
 * a token; the server keeps them.
 */
import * as React from 'react';
import { Badge, Button, Flex, Typography } from '@strapi/design-system';
import { Key } from '@strapi/icons';
import { useMailboxActions, useOAuthProviders } from '../../api/mailbox-queries';
import type { Mailbox } from '../../api/mailbox-types';
import { useT } from '../../utils/use-t';
import { Cell, FormSection } from '../form/FormSection';
import type { MailboxFormValues } from './form-values';

interface OAuthSignInSectionProps {
  values: MailboxFormValues;
  saved?: Mailbox;
  canUpdate: boolean;
  /** A refused start (400 naming fields): shown like a refused save. */
  onRefused(error: unknown): void;
}

const Line = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <Flex direction="column" alignItems="stretch" gap={1}>
    <Typography variant="pi" fontWeight="bold">
      {label}
    </Typography>
    {children}
  </Flex>
);

export const OAuthSignInSection = ({ values, saved, canUpdate, onRefused }: OAuthSignInSectionProps) => {
  const t = useT();
  const actions = useMailboxActions();
  const { data: info } = useOAuthProviders();
  const [isStarting, setIsStarting] = React.useState(false);
  const scopes = values.oauthScope.trim() ? values.oauthScope.trim().split(/\s+/) : (info?.providers[values.oauthProvider]?.scopes ?? []);
  const status = saved?.oauth;

  const signIn = async () => {
    if (!saved) return;
    setIsStarting(true);
    try {
      const { authorizationUrl } = await actions.startOAuthSignIn(saved.id);
      window.location.assign(authorizationUrl);
    } catch (error) {
      onRefused(error);
      setIsStarting(false);
    }
  };

  return (
    <FormSection title={t('email-notifications.form.section.oauth')} description={t('email-notifications.form.oauth.description')}>
      <Cell full>
        <Line label={t('email-notifications.form.oauth.redirectUri')}>
          <Typography tag="code" variant="omega" data-testid="oauth-redirect-uri">
            {info?.redirectUri ?? '…'}
          </Typography>
        </Line>
      </Cell>
      <Cell full>
        <Line label={t('email-notifications.form.oauth.scopes')}>
          <Flex gap={2} wrap="wrap">
            {scopes.map((scope) => (
              <Badge key={scope}>{scope}</Badge>
            ))}
          </Flex>
        </Line>
      </Cell>
      <Cell full>
        <Line label={t('email-notifications.form.oauth.status')}>
          <Typography variant="omega" data-testid="oauth-status">
            {status?.signedIn
              ? t('email-notifications.form.oauth.signedIn', {
                  at: status.signedInAt ? new Date(status.signedInAt).toLocaleString() : '—',
                  until: status.tokenExpiresAt ? new Date(status.tokenExpiresAt).toLocaleString() : '—',
                })
              : t('email-notifications.form.oauth.notSignedIn')}
          </Typography>
          {status?.problem && (
            <Typography variant="omega" textColor="danger600">
              {status.problem}
            </Typography>
          )}
        </Line>
      </Cell>
      <Cell full>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Button type="button" variant="default" startIcon={<Key />} loading={isStarting} disabled={!saved || !canUpdate} onClick={signIn}>
            {t(`email-notifications.form.oauth.signIn.${values.oauthProvider}`)}
          </Button>
          <Typography variant="pi" textColor="neutral600">
            {t(saved ? 'email-notifications.form.oauth.signInHint' : 'email-notifications.form.oauth.saveFirst')}
          </Typography>
        </Flex>
      </Cell>
    </FormSection>
  );
};
