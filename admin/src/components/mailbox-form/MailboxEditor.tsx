/*
 * The create / edit screen of one mailbox: owns the form state, saves it, and runs Check / Send test
 * email with the unsaved values. A refused save or probe shows as in every editor (useFormProblems); the
 * field blamed by a failed check is marked under its input. The server stays the only validator.
 */
import * as React from 'react';
import { Alert, Button, Flex } from '@strapi/design-system';
import { Check, PaperPlane, Stethoscope } from '@strapi/icons';
import { BackButton, Layouts, Page, useAuth, useNotification } from '@strapi/strapi/admin';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useMailboxActions } from '../../api/mailbox-queries';
import type { Mailbox } from '../../api/mailbox-types';
import { useMailboxProbe, type ProbeTarget } from '../../hooks/use-mailbox-probe';
import { useT } from '../../utils/use-t';
import type { FieldErrors } from '../form/field-errors';
import { ProblemSummary } from '../form/ProblemSummary';
import { useFormProblems } from '../form/use-form-problems';
import { ProbeDialogs } from '../probe/ProbeDialogs';
import { ConnectionSection } from './ConnectionSection';
import { GeneralSection } from './GeneralSection';
import { LocationSection } from './LocationSection';
import { OAuthSignInSection } from './OAuthSignInSection';
import { PolicySection } from './PolicySection';
import { SendingSection } from './SendingSection';
import {
  NEW_MAILBOX,
  toConnectionOverrides,
  toFormValues,
  toRequestBody,
  type FieldName,
  type MailboxFormValues,
  type SectionProps,
} from './form-values';

interface MailboxEditorProps {
  mailbox?: Mailbox;
  canUpdate: boolean;
  canSend: boolean;
}

export const MailboxEditor = ({ mailbox, canUpdate, canSend }: MailboxEditorProps) => {
  const t = useT();
  const navigate = useNavigate();
  const actions = useMailboxActions();
  const { toggleNotification } = useNotification();
  const adminEmail = useAuth('MailboxEditor', (state) => state.user?.email) ?? '';

  const [saved, setSaved] = React.useState(mailbox);
  const [values, setValues] = React.useState<MailboxFormValues>(mailbox ? toFormValues(mailbox) : NEW_MAILBOX);
  const problems = useFormProblems();
  const { errors, clear } = problems;
  const [faultField, setFaultField] = React.useState<string | null>(null);
  const [isSaving, setIsSaving] = React.useState(false);
  const [showConfigNotice, setShowConfigNotice] = React.useState(true);
  const [showSecretProblem, setShowSecretProblem] = React.useState(true);
  // The OAuth2 callback sends the browser back here with the sign-in's result.
  const [searchParams] = useSearchParams();
  const [signInResult, setSignInResult] = React.useState(() => ({ outcome: searchParams.get('oauth'), reason: searchParams.get('reason') ?? '' }));

  const probe = useMailboxProbe({
    onInputError: problems.show,
    onResult: (result) => setFaultField(result.ok ? null : (result.error?.field ?? null)),
  });

  const set: SectionProps['set'] = React.useCallback(
    <K extends FieldName>(field: K, value: MailboxFormValues[K]) => {
      setValues((current) => ({ ...current, [field]: value }));
      clear(field);
      setFaultField((current) => (current === field ? null : current));
    },
    [clear],
  );

  const shownErrors: FieldErrors = faultField ? { [faultField]: t('email-notifications.form.fieldAtFault'), ...errors } : errors;

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setIsSaving(true);
    try {
      const body = toRequestBody(values, saved);
      const result = saved ? await actions.update(saved.id, body) : await actions.create(body);
      problems.show([]);
      toggleNotification({ type: 'success', message: t(saved ? 'email-notifications.notification.saved' : 'email-notifications.notification.created') });
      if (saved) {
        setSaved(result);
        setValues(toFormValues(result));
      } else {
        navigate(`../${result.id}`, { relative: 'path', replace: true });
      }
    } catch (error) {
      problems.refused(error);
    } finally {
      setIsSaving(false);
    }
  };

  const probeTarget = (): ProbeTarget => ({
    mailboxId: saved?.id,
    mailboxName: values.name || saved?.name || t('email-notifications.form.unsavedName'),
    overrides: toConnectionOverrides(values),
  });

  const sectionProps: SectionProps = { values, errors: shownErrors, set, disabled: !canUpdate, saved };
  const title = saved ? saved.name : t('email-notifications.form.createTitle');

  return (
    <Page.Main>
      <Page.Title>{t('email-notifications.page.title', { name: title })}</Page.Title>
      <form onSubmit={save} noValidate>
        <Layouts.Header
          navigationAction={<BackButton fallback=".." />}
          title={title}
          subtitle={t(saved ? 'email-notifications.form.editSubtitle' : 'email-notifications.form.createSubtitle')}
          primaryAction={
            <Flex gap={2}>
              {canSend && saved && (
                <Button type="button" variant="secondary" startIcon={<Stethoscope />} onClick={() => probe.check(probeTarget())}>
                  {t('email-notifications.action.check')}
                </Button>
              )}
              {canSend && (
                <Button type="button" variant="secondary" startIcon={<PaperPlane />} onClick={() => probe.askRecipient(probeTarget(), adminEmail)}>
                  {t('email-notifications.action.sendTest')}
                </Button>
              )}
              {canUpdate && (
                <Button type="submit" startIcon={<Check />} loading={isSaving}>
                  {t('email-notifications.action.save')}
                </Button>
              )}
            </Flex>
          }
        />
        <Layouts.Content>
          <Flex direction="column" alignItems="stretch" gap={6}>
            <ProblemSummary problems={problems.list} />
            {saved?.secretProblem && showSecretProblem && (
              <Alert
                variant="danger"
                title={t('email-notifications.form.secretProblem.title')}
                closeLabel={t('email-notifications.action.close')}
                onClose={() => setShowSecretProblem(false)}
              >
                {saved.secretProblem}
              </Alert>
            )}
            {signInResult.outcome === 'signed-in' && (
              <Alert
                variant="success"
                title={t('email-notifications.form.oauth.result.signedIn')}
                closeLabel={t('email-notifications.action.close')}
                onClose={() => setSignInResult({ outcome: null, reason: '' })}
              >
                {t('email-notifications.form.oauth.result.signedInBody')}
              </Alert>
            )}
            {signInResult.outcome === 'failed' && (
              <Alert
                variant="danger"
                title={t('email-notifications.form.oauth.result.failed')}
                closeLabel={t('email-notifications.action.close')}
                onClose={() => setSignInResult({ outcome: null, reason: '' })}
              >
                {signInResult.reason}
              </Alert>
            )}
            {saved?.source === 'config' && showConfigNotice && (
              <Alert
                variant="warning"
                title={t('email-notifications.form.configNotice.title')}
                closeLabel={t('email-notifications.action.close')}
                onClose={() => setShowConfigNotice(false)}
              >
                {t('email-notifications.form.configNotice.body')}
              </Alert>
            )}
            <GeneralSection {...sectionProps} />
            <ConnectionSection {...sectionProps} />
            {values.authType === 'oauth2' && <OAuthSignInSection values={values} saved={saved} canUpdate={canUpdate} onRefused={problems.refused} />}
            <PolicySection {...sectionProps} />
            <SendingSection {...sectionProps} />
            <LocationSection {...sectionProps} />
          </Flex>
        </Layouts.Content>
      </form>
      <ProbeDialogs probe={probe} />
    </Page.Main>
  );
};
