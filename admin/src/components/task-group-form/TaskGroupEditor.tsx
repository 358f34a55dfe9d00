/*
 * The create / edit screen of one task group: owns the form state and saves it. A refused save shows as
 * in every editor (useFormProblems): a taken name under Name, a mailbox the server names under its row
 * of the mailbox list. The server stays the only validator.
 */
import * as React from 'react';
import { Button, Flex } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { BackButton, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import type { MailboxSummary } from '../../api/mailbox-types';
import { useSaveTaskGroup } from '../../api/task-group-queries';
import { FALLBACKS, STRATEGIES, type TaskGroup } from '../../api/task-group-types';
import { useT } from '../../utils/use-t';
import { SelectField } from '../form/SelectField';
import { TextField } from '../form/TextField';
import { Cell, FormSection } from '../form/FormSection';
import { ProblemSummary } from '../form/ProblemSummary';
import { useFormProblems } from '../form/use-form-problems';
import { MailboxOrderField } from './MailboxOrderField';
import { NEW_TASK_GROUP, toFormValues, toRequestBody, type TaskGroupFormValues } from './task-group-values';

interface TaskGroupEditorProps {
  group?: TaskGroup;
  mailboxes: readonly MailboxSummary[];
  canUpdate: boolean;
}

export const TaskGroupEditor = ({ group, mailboxes, canUpdate }: TaskGroupEditorProps) => {
  const t = useT();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const save = useSaveTaskGroup();
  const [values, setValues] = React.useState<TaskGroupFormValues>(group ? toFormValues(group) : NEW_TASK_GROUP);
  const problems = useFormProblems();
  const { errors } = problems;

  const set = <K extends keyof TaskGroupFormValues>(field: K, value: TaskGroupFormValues[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    // Under the field too: the mailbox list's errors name positions (`mailboxes.2`), stale after a move.
    problems.clear(field);
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      const saved = await save.mutateAsync({ id: group?.id, body: toRequestBody(values) });
      problems.show([]);
      toggleNotification({
        type: 'success',
        message: t(group ? 'email-notifications.taskGroups.notification.saved' : 'email-notifications.taskGroups.notification.created'),
      });
      if (group) setValues(toFormValues(saved));
      else navigate(`../${saved.id}`, { relative: 'path', replace: true });
    } catch (error) {
      problems.refused(error);
    }
  };

  const title = group ? group.name : t('email-notifications.taskGroupForm.createTitle');
  const disabled = !canUpdate;

  return (
    <Page.Main>
      <Page.Title>{t('email-notifications.page.title', { name: title })}</Page.Title>
      <form onSubmit={submit} noValidate>
        <Layouts.Header
          navigationAction={<BackButton fallback=".." />}
          title={title}
          subtitle={t(group ? 'email-notifications.taskGroupForm.editSubtitle' : 'email-notifications.taskGroupForm.createSubtitle')}
          primaryAction={
            canUpdate && (
              <Button type="submit" startIcon={<Check />} loading={save.isLoading}>
                {t('email-notifications.action.save')}
              </Button>
            )
          }
        />
        <Layouts.Content>
          <Flex direction="column" alignItems="stretch" gap={6}>
            <ProblemSummary problems={problems.list} />
            <FormSection title={t('email-notifications.taskGroupForm.section.group')}>
              <Cell>
                <TextField
                  name="name"
                  label={t('email-notifications.taskGroupForm.name.label')}
                  hint={t('email-notifications.taskGroupForm.name.hint')}
                  value={values.name}
                  onChange={(value) => set('name', value)}
                  error={errors.name}
                  required
                  disabled={disabled}
                />
              </Cell>
              <Cell>
                <TextField
                  name="description"
                  label={t('email-notifications.taskGroupForm.description.label')}
                  hint={t('email-notifications.taskGroupForm.description.hint')}
                  value={values.description}
                  onChange={(value) => set('description', value)}
                  error={errors.description}
                  disabled={disabled}
                />
              </Cell>
              <Cell>
                <SelectField
                  name="strategy"
                  label={t('email-notifications.taskGroupForm.strategy.label')}
                  hint={t('email-notifications.taskGroupForm.strategy.hint')}
                  value={values.strategy}
                  options={STRATEGIES.map((strategy) => ({ value: strategy, label: t(`email-notifications.strategy.${strategy}.explanation`) }))}
                  onChange={(value) => set('strategy', value)}
                  error={errors.strategy}
                  disabled={disabled}
                />
              </Cell>
              <Cell>
                <SelectField
                  name="fallback"
                  label={t('email-notifications.taskGroupForm.fallback.label')}
                  hint={t('email-notifications.taskGroupForm.fallback.hint')}
                  value={values.fallback}
                  options={FALLBACKS.map((fallback) => ({ value: fallback, label: t(`email-notifications.fallback.${fallback}`) }))}
                  onChange={(value) => set('fallback', value)}
                  error={errors.fallback}
                  disabled={disabled}
                />
              </Cell>
            </FormSection>
            <FormSection
              title={t('email-notifications.taskGroupForm.section.mailboxes')}
              description={t('email-notifications.taskGroupForm.section.mailboxes.description')}
            >
              <Cell full>
                <MailboxOrderField ids={values.mailboxes} mailboxes={mailboxes} errors={errors} onChange={(ids) => set('mailboxes', ids)} disabled={disabled} />
              </Cell>
            </FormSection>
          </Flex>
        </Layouts.Content>
      </form>
    </Page.Main>
  );
};
