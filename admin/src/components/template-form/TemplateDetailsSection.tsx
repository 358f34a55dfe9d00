/*
 * The "Template" card of the editor: name, description, category, content type (record, time and
 * digest templates only), locale and layout; for layouts the brand name, logo URL and footer instead.
 * Presentational: values and errors come from TemplateEditor.
 */
import { TEMPLATE_CATEGORIES, type TemplateVariables } from '../../api/template-types';
import { useT } from '../../utils/use-t';
import { SelectField } from '../form/SelectField';
import { TextField } from '../form/TextField';
import { Cell, FormSection } from '../form/FormSection';
import { hasRecords, isLayout, type TemplateField, type TemplateFormValues } from './template-values';

interface TemplateDetailsSectionProps {
  values: TemplateFormValues;
  errors: Partial<Record<TemplateField, string>>;
  set: <K extends TemplateField>(field: K, value: TemplateFormValues[K]) => void;
  contentTypes: TemplateVariables['contentTypes'];
  /** Names of the layout templates this one may use. */
  layouts: string[];
  disabled: boolean;
}

/** SingleSelect needs a non-empty value for "none". */
const NONE = '-';

export const TemplateDetailsSection = ({ values, errors, set, contentTypes, layouts, disabled }: TemplateDetailsSectionProps) => {
  const t = useT();
  const text = (field: 'name' | 'description' | 'locale' | 'brandName' | 'logoUrl' | 'footer', required = false) => (
    <Cell>
      <TextField
        name={field}
        label={t(`email-notifications.templateForm.${field}.label`)}
        hint={t(`email-notifications.templateForm.${field}.hint`)}
        value={values[field]}
        onChange={(value) => set(field, value)}
        error={errors[field]}
        required={required}
        disabled={disabled}
      />
    </Cell>
  );
  // A saved content type that no longer exists is still shown, so the server's error makes sense.
  const typeOptions = contentTypes.map(({ uid, displayName }) => ({ value: uid, label: `${displayName} (${uid})` }));
  if (values.contentType && !contentTypes.some((c) => c.uid === values.contentType)) typeOptions.push({ value: values.contentType, label: values.contentType });

  return (
    <FormSection title={t('email-notifications.templateForm.section.template')}>
      {text('name', true)}
      {text('description')}
      <Cell>
        <SelectField
          name="category"
          label={t('email-notifications.templateForm.category.label')}
          hint={t('email-notifications.templateForm.category.hint')}
          value={values.category}
          options={TEMPLATE_CATEGORIES.map((category) => ({ value: category, label: t(`email-notifications.templates.category.${category}`) }))}
          onChange={(value) => set('category', value)}
          error={errors.category}
          disabled={disabled}
        />
      </Cell>
      {hasRecords(values.category) && (
        <Cell>
          <SelectField
            name="contentType"
            label={t('email-notifications.templateForm.contentType.label')}
            hint={t('email-notifications.templateForm.contentType.hint')}
            value={values.contentType || NONE}
            options={[{ value: NONE, label: t('email-notifications.templateForm.contentType.any') }, ...typeOptions]}
            onChange={(value) => set('contentType', value === NONE ? '' : value)}
            error={errors.contentType}
            disabled={disabled}
          />
        </Cell>
      )}
      {text('locale', true)}
      {!isLayout(values.category) && (
        <Cell>
          <SelectField
            name="layout"
            label={t('email-notifications.templateForm.layout.label')}
            hint={t('email-notifications.templateForm.layout.hint')}
            value={values.layout || NONE}
            options={[
              { value: NONE, label: t('email-notifications.templateForm.layout.master') },
              ...layouts.filter((name) => name !== 'master').map((name) => ({ value: name, label: name })),
              ...(values.layout && !layouts.includes(values.layout) ? [{ value: values.layout, label: values.layout }] : []),
            ]}
            onChange={(value) => set('layout', value === NONE ? '' : value)}
            error={errors.layout}
            disabled={disabled}
          />
        </Cell>
      )}
      {isLayout(values.category) && (
        <>
          {text('brandName')}
          {text('logoUrl')}
          {text('footer')}
        </>
      )}
    </FormSection>
  );
};
