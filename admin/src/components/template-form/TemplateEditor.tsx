/*
 * The create / edit screen of one template: owns the form state, saves it, and lays out the details,
 * the source with the variable list beside it, and the live preview. A refused save shows as in every
 * editor (useFormProblems); while typing, the preview's check adds its messages under the fields.
 */
import * as React from 'react';
import { Button, Flex, Grid } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { BackButton, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import { allMessages } from '../../api/api-error';
import { useSaveTemplate, useTemplateVariables } from '../../api/template-queries';
import type { Template } from '../../api/template-types';
import { EMPTY, useFormatters } from '../../utils/use-formatters';
import { useT } from '../../utils/use-t';
import { ProblemSummary } from '../form/ProblemSummary';
import { useFormProblems } from '../form/use-form-problems';
import { PreviewPanel } from './PreviewPanel';
import { TemplateActions } from './TemplateActions';
import { TemplateDetailsSection } from './TemplateDetailsSection';
import { TemplateSourceSection } from './TemplateSourceSection';
import { hasRecords, NEW_TEMPLATE, toFormValues, toRequestBody, type TemplateField, type TemplateFormValues } from './template-values';
import { useLivePreview } from './use-live-preview';
import { useSnippetInsertion } from './use-snippet-insertion';
import { VariablesPanel } from './VariablesPanel';

type FieldErrors = Partial<Record<TemplateField, string>>;

interface TemplateEditorProps {
  template?: Template;
  /** Names of the layout templates a template may use. */
  layouts: string[];
  canUpdate: boolean;
}

export const TemplateEditor = ({ template, layouts, canUpdate }: TemplateEditorProps) => {
  const t = useT();
  const format = useFormatters();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const save = useSaveTemplate();
  const [values, setValues] = React.useState<TemplateFormValues>(template ? toFormValues(template) : NEW_TEMPLATE);
  const problems = useFormProblems();
  const [documentId, setDocumentId] = React.useState('');

  const set = <K extends TemplateField>(field: K, value: TemplateFormValues[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    problems.clear(field);
  };
  const insertion = useSnippetInsertion(values, set);
  const withRecords = hasRecords(values.category);
  const variables = useTemplateVariables(values.category, withRecords ? values.contentType || null : null);
  const preview = useLivePreview(values, withRecords && values.contentType ? documentId : '');
  // Every message of a field, one per line: a template names each faulty line of its source.
  const shownErrors: FieldErrors = { ...preview.fieldProblems, ...allMessages(problems.list) };

  const showStored = (stored: Template) => {
    setValues(toFormValues(stored));
    problems.show([]);
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      const saved = await save.mutateAsync({ id: template?.id, body: toRequestBody(values) });
      problems.show([]);
      toggleNotification({
        type: 'success',
        message: t(template ? 'email-notifications.templateForm.notification.saved' : 'email-notifications.templateForm.notification.created', { version: saved.version }),
      });
      if (template) showStored(saved);
      else navigate(`../${saved.id}`, { relative: 'path', replace: true });
    } catch (error) {
      problems.refused(error);
    }
  };

  const title = template ? template.name : t('email-notifications.templateForm.createTitle');
  const subtitle = template
    ? t('email-notifications.templateForm.editSubtitle', { version: template.version, date: format.dateTime(template.updatedAt), by: template.editedBy ?? EMPTY })
    : t('email-notifications.templateForm.createSubtitle');
  const disabled = !canUpdate;

  return (
    <Page.Main>
      <Page.Title>{t('email-notifications.page.title', { name: title })}</Page.Title>
      <form onSubmit={submit} noValidate>
        <Layouts.Header
          navigationAction={<BackButton fallback=".." />}
          title={title}
          subtitle={subtitle}
          primaryAction={
            <Flex gap={2}>
              {template && <TemplateActions template={template} canUpdate={canUpdate} onRestored={showStored} />}
              {canUpdate && (
                <Button type="submit" startIcon={<Check />} loading={save.isLoading}>
                  {t('email-notifications.action.save')}
                </Button>
              )}
            </Flex>
          }
        />
        <Layouts.Content>
          <Flex direction="column" alignItems="stretch" gap={6}>
            <ProblemSummary problems={problems.list} />
            <TemplateDetailsSection
              values={values}
              errors={shownErrors}
              set={set}
              contentTypes={variables.data?.contentTypes ?? []}
              layouts={layouts}
              disabled={disabled}
            />
            <Grid.Root gap={6}>
              <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
                <TemplateSourceSection
                  values={values}
                  errors={shownErrors}
                  set={set}
                  refs={insertion.refs}
                  onFocusField={insertion.setTarget}
                  disabled={disabled}
                />
              </Grid.Item>
              <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                <VariablesPanel data={variables.data} isLoading={variables.isLoading} onInsert={insertion.insert} disabled={disabled} />
              </Grid.Item>
            </Grid.Root>
            <PreviewPanel
              preview={preview}
              canUseRecord={withRecords && !!values.contentType}
              documentId={documentId}
              onDocumentIdChange={setDocumentId}
            />
          </Flex>
        </Layouts.Content>
      </form>
    </Page.Main>
  );
};
