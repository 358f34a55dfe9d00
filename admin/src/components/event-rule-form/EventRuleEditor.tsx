/*
 * The create / edit screen of one SMTP event rule: owns the form state, saves the whole rule, shows a
 * refused save the way every editor does (useFormProblems) and a web-hook secret the save made. Saved
 * rules get "New secret", "Fire a test event" and their action history. Rules from the plugin options
 * are shown locked with the reason. The server stays the only validator.
 */
import * as React from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Check, Key } from '@strapi/icons';
import { BackButton, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import { toApiProblem } from '../../api/api-error';
import { useNewWebhookSecret, useSaveEventRule } from '../../api/event-rule-queries';
import type { EventRule, EventRulesMeta } from '../../api/event-rule-types';
import type { AdminRole } from '../../api/rule-types';
import { useT } from '../../utils/use-t';
import { ProblemSummary } from '../form/ProblemSummary';
import { useFormProblems } from '../form/use-form-problems';
import { EventActionsSection } from './EventActionsSection';
import { EventConditionsSection } from './EventConditionsSection';
import { EventGeneralSection } from './EventGeneralSection';
import { newEventRuleValues, toFormValues, toRequestBody, type ConditionValues, type EventRuleFormValues } from './event-rule-values';
import { RunHistory } from './RunHistory';
import { TestEventPanel } from './TestEventPanel';
import { useShowWebhookSecret } from './WebhookSecretProvider';

const FORM_ID = 'email-notifications-event-rule-form';

interface EventRuleEditorProps {
  rule?: EventRule;
  meta: EventRulesMeta;
  timezones: readonly string[];
  /** Null when the admin may not list roles: role codes are typed. */
  roles: readonly AdminRole[] | null;
  canUpdate: boolean;
}

export const EventRuleEditor = ({ rule, meta, timezones, roles, canUpdate }: EventRuleEditorProps) => {
  const t = useT();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const showSecret = useShowWebhookSecret();
  const save = useSaveEventRule();
  const newSecret = useNewWebhookSecret(rule?.id ?? '');
  const [values, setValues] = React.useState<EventRuleFormValues>(() => (rule ? toFormValues(rule, 'UTC') : newEventRuleValues('UTC')));
  const problems = useFormProblems();
  const { errors } = problems;
  const [dirty, setDirty] = React.useState(false);
  const editable = canUpdate && !rule?.readOnly;
  const disabled = !editable;

  const update = (patch: Partial<EventRuleFormValues>, clear: string[]) => {
    setValues((current) => ({ ...current, ...patch }));
    problems.clear(...clear);
    setDirty(true);
  };
  const updateConditions = (patch: Partial<ConditionValues>, clear: string[]) => {
    setValues((current) => ({ ...current, conditions: { ...current.conditions, ...patch } }));
    problems.clear(...clear);
    setDirty(true);
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      const saved = await save.mutateAsync({ id: rule?.id, body: toRequestBody(values) });
      problems.show([]);
      setDirty(false);
      toggleNotification({ type: 'success', message: t(rule ? 'email-notifications.eventForm.notification.saved' : 'email-notifications.eventForm.notification.created') });
      if (saved.webhookSecret) showSecret(saved.webhookSecret);
      if (rule) setValues(toFormValues(saved.data, 'UTC'));
      else navigate(`../${saved.data.id}`, { relative: 'path', replace: true });
    } catch (error) {
      problems.refused(error);
    }
  };

  const replaceSecret = async () => {
    try {
      showSecret(await newSecret.mutateAsync());
    } catch (error) {
      toggleNotification({ type: 'danger', message: toApiProblem(error).message });
    }
  };

  const title = rule ? rule.name : t('email-notifications.eventForm.createTitle');
  const hasWebhook = rule?.actions.some((action) => action.type === 'webhook') ?? false;
  const lockedReason = rule?.readOnly
    ? t('email-notifications.eventForm.readOnly.options')
    : !canUpdate
      ? t('email-notifications.eventForm.readOnly.permission')
      : null;

  return (
    <Page.Main>
      <Page.Title>{t('email-notifications.page.title', { name: title })}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback=".." />}
        title={title}
        subtitle={t(rule ? 'email-notifications.eventForm.editSubtitle' : 'email-notifications.eventForm.createSubtitle')}
        primaryAction={
          editable && (
            <Button type="submit" form={FORM_ID} startIcon={<Check />} loading={save.isLoading}>
              {t('email-notifications.action.save')}
            </Button>
          )
        }
        secondaryAction={
          editable &&
          hasWebhook && (
            <Button variant="secondary" startIcon={<Key />} loading={newSecret.isLoading} onClick={replaceSecret}>
              {t('email-notifications.eventForm.secret.new')}
            </Button>
          )
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {lockedReason && (
            <Box background="neutral150" hasRadius padding={4} role="note" data-testid="event-rule-locked">
              <Typography textColor="neutral800">{lockedReason}</Typography>
            </Box>
          )}
          <ProblemSummary problems={problems.list} />
          <form id={FORM_ID} onSubmit={submit} noValidate>
            <Flex direction="column" alignItems="stretch" gap={6}>
              <EventGeneralSection values={values} errors={errors} onChange={update} disabled={disabled} />
              <EventConditionsSection conditions={values.conditions} timezones={timezones} errors={errors} onChange={updateConditions} disabled={disabled} />
              <EventActionsSection actions={values.actions} meta={meta} roles={roles} errors={errors} onChange={(actions, clear) => update({ actions }, clear)} disabled={disabled} />
            </Flex>
          </form>
          {rule && <TestEventPanel rule={rule} canUpdate={canUpdate} hasUnsavedChanges={dirty} />}
          {rule && <RunHistory ruleId={rule.id} />}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
