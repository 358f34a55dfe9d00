/*
 * The "Content" card of the editor: subject (not for layouts), the MJML body and the optional text
 * part, each with its errors (with line numbers, from the server) underneath. Reports which of them has
 * the cursor, so the variable list inserts there. Presentational: values come from TemplateEditor.
 */
import * as React from 'react';
import { Field, TextInput } from '@strapi/design-system';
import { useT } from '../../utils/use-t';
import { Cell, FormSection } from '../form/FormSection';
import { CodeField } from '../form/CodeField';
import { isLayout, type TemplateField, type TemplateFormValues } from './template-values';
import type { SourceField, SourceRefs } from './use-snippet-insertion';

interface TemplateSourceSectionProps {
  values: TemplateFormValues;
  errors: Partial<Record<TemplateField, string>>;
  set: (field: SourceField, value: string) => void;
  refs: SourceRefs;
  onFocusField: (field: SourceField) => void;
  disabled: boolean;
}

export const TemplateSourceSection = ({ values, errors, set, refs, onFocusField, disabled }: TemplateSourceSectionProps) => {
  const t = useT();
  const layout = isLayout(values.category);
  return (
    <FormSection title={t('email-notifications.templateForm.section.content')} description={t('email-notifications.templateForm.section.content.description')}>
      {!layout && (
        <Cell full>
          <Field.Root name="subject" error={errors.subject} hint={t('email-notifications.templateForm.subject.hint')} required>
            <Field.Label>{t('email-notifications.templateForm.subject.label')}</Field.Label>
            <TextInput
              ref={refs.subject}
              value={values.subject}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) => set('subject', event.target.value)}
              onFocus={() => onFocusField('subject')}
              disabled={disabled}
              autoComplete="off"
              spellCheck={false}
            />
            <Field.Hint />
            <Field.Error />
          </Field.Root>
        </Cell>
      )}
      <Cell full>
        <CodeField
          ref={refs.mjml}
          name="mjml"
          label={t('email-notifications.templateForm.mjml.label')}
          hint={t(layout ? 'email-notifications.templateForm.mjml.layoutHint' : 'email-notifications.templateForm.mjml.hint')}
          value={values.mjml}
          onChange={(value) => set('mjml', value)}
          onFocus={() => onFocusField('mjml')}
          error={errors.mjml}
          required
          disabled={disabled}
          rows={18}
        />
      </Cell>
      <Cell full>
        <CodeField
          ref={refs.text}
          name="text"
          label={t('email-notifications.templateForm.text.label')}
          hint={t('email-notifications.templateForm.text.hint')}
          value={values.text}
          onChange={(value) => set('text', value)}
          onFocus={() => onFocusField('text')}
          error={errors.text}
          disabled={disabled}
          rows={6}
        />
      </Cell>
    </FormSection>
  );
};
