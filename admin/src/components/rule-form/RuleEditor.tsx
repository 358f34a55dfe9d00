/*
 * The create / edit screen of one rule: owns the form state, saves the whole rule and shows a refused
 * save the way every editor does (useFormProblems). Saved rules get the dry run panel, and schedule /
 * time rules a "Run now" button. The server stays the only validator.
 */
import * as React from 'react';
import { Button, Flex } from '@strapi/design-system';
import { Check, Play } from '@strapi/icons';
import { BackButton, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import { toApiProblem } from '../../api/api-error';
import { useRunRule, useSaveRule } from '../../api/rule-queries';
import type { AdminRole, Rule, RulesMeta } from '../../api/rule-types';
import type { Template } from '../../api/template-types';
import { useT } from '../../utils/use-t';
import { ProblemSummary } from '../form/ProblemSummary';
import { useFormProblems } from '../form/use-form-problems';
import { ConditionBuilder } from './ConditionBuilder';
import { DeliverySection } from './DeliverySection';
import { DryRunPanel } from './DryRunPanel';
import { GeneralSection } from './GeneralSection';
import { MessageSection } from './MessageSection';
import { RecipientsSection } from './RecipientsSection';
import { JsonProblem, newRuleValues, toFormValues, toRequestBody, type RuleFormValues, type TriggerValues } from './rule-values';
import { TriggerSection } from './TriggerSection';
import { useRuleFields } from './use-rule-fields';

const FORM_ID = 'email-notifications-rule-form';

interface RuleEditorProps {
  rule?: Rule;
  meta: RulesMeta;
  /** Null when the admin may not list them: names are typed instead. */
  templates: readonly Template[] | null;
  taskGroups: readonly string[] | null;
  mailboxes: readonly string[] | null;
  roles: readonly AdminRole[] | null;
  canUpdate: boolean;
}

export const RuleEditor = ({ rule, meta, templates, taskGroups, mailboxes, roles, canUpdate }: RuleEditorProps) => {
  const t = useT();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const save = useSaveRule();
  const runNow = useRunRule(rule?.id ?? '');
  const [values, setValues] = React.useState<RuleFormValues>(() => (rule ? toFormValues(rule) : newRuleValues()));
  const problems = useFormProblems();
  const { errors } = problems;
  const [dirty, setDirty] = React.useState(false);
  const { fields, types } = useRuleFields(values.trigger.contentType);
  // A rule declared in config/plugins is changed there; the admin shows it and can still dry-run it.
  const fromConfig = rule?.managedBy === 'config';
  const editable = canUpdate && !fromConfig;
  const disabled = !editable;

  const changed = (clear: string[]) => {
    problems.clear(...clear);
    setDirty(true);
  };
  const update = (patch: Partial<RuleFormValues>, clear: string[]) => {
    setValues((current) => ({ ...current, ...patch }));
    changed(clear);
  };
  const updateTrigger = (patch: Partial<TriggerValues>, clear: string[]) => {
    setValues((current) => ({ ...current, trigger: { ...current.trigger, ...patch } }));
    changed(clear);
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    let body;
    try {
      body = toRequestBody(values, types);
    } catch (error) {
      if (!(error instanceof JsonProblem)) throw error;
      return problems.refuse(`${error.path}: ${error.message}`, [{ path: error.path, message: error.message }]);
    }
    try {
      const saved = await save.mutateAsync({ id: rule?.id, body });
      problems.show([]);
      setDirty(false);
      toggleNotification({
        type: 'success',
        message: t(rule ? 'email-notifications.rules.notification.saved' : 'email-notifications.rules.notification.created'),
      });
      if (rule) setValues(toFormValues(saved));
      else navigate(`../${saved.id}`, { relative: 'path', replace: true });
    } catch (error) {
      problems.refused(error);
    }
  };

  const run = async () => {
    try {
      const result = await runNow.mutateAsync();
      toggleNotification({
        type: result.ran ? 'success' : 'warning',
        message: result.ran ? t('email-notifications.rules.notification.ran', { handled: result.handled }) : t('email-notifications.rules.notification.notRun'),
      });
    } catch (error) {
      toggleNotification({ type: 'danger', message: toApiProblem(error).message });
    }
  };

  const title = rule ? rule.name : t('email-notifications.ruleForm.createTitle');
  const canRun = rule && canUpdate && (rule.trigger.type === 'schedule' || rule.trigger.type === 'time');
  const paths = fields.filter((field) => field.type === 'email').map((field) => field.path);

  return (
    <Page.Main>
      <Page.Title>{t('email-notifications.page.title', { name: title })}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback=".." />}
        title={title}
        subtitle={t(fromConfig ? 'email-notifications.ruleForm.fromConfigSubtitle' : rule ? 'email-notifications.ruleForm.editSubtitle' : 'email-notifications.ruleForm.createSubtitle')}
        primaryAction={
          editable && (
            <Button type="submit" form={FORM_ID} startIcon={<Check />} loading={save.isLoading}>
              {t('email-notifications.action.save')}
            </Button>
          )
        }
        secondaryAction={
          canRun && (
            <Button variant="secondary" startIcon={<Play />} loading={runNow.isLoading} onClick={run}>
              {t('email-notifications.rules.action.runNow')}
            </Button>
          )
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <ProblemSummary problems={problems.list} />
          <form id={FORM_ID} onSubmit={submit} noValidate>
            <Flex direction="column" alignItems="stretch" gap={6}>
              <GeneralSection values={values} errors={errors} onChange={update} disabled={disabled} />
              <TriggerSection trigger={values.trigger} meta={meta} fields={fields} errors={errors} onChange={updateTrigger} disabled={disabled} />
              <ConditionBuilder values={values} fields={fields} types={types} errors={errors} onChange={update} disabled={disabled} />
              <RecipientsSection
                recipients={values.recipients}
                choices={{ paths, roles, resolvers: meta.resolvers, category: values.category }}
                errors={errors}
                onChange={(recipients, clear) => update({ recipients }, clear)}
                disabled={disabled}
              />
              <MessageSection values={values} templates={templates} taskGroups={taskGroups} errors={errors} onChange={update} disabled={disabled} />
              <DeliverySection values={values} mailboxes={mailboxes} fields={fields} errors={errors} onChange={update} disabled={disabled} />
            </Flex>
          </form>
          {rule && <DryRunPanel rule={rule} hasUnsavedChanges={dirty} />}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
