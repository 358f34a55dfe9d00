/*
 * Settings > Email notifications > Options: the form over GET/PUT /settings. Owns the edited values and
 * the pending "reset to file value" clicks; Save sends only what changed (a reset as `null`). A refused
 * save shows as in every editor (useFormProblems); only the text kinds are parsed here, into values.
 */
import * as React from 'react';
import { Button, Flex } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import type { FieldProblem } from '../../api/api-error';
import type { SettingsUpdate, SettingsValues, SettingsView } from '../../api/settings-types';
import { useSaveSettings } from '../../api/settings-queries';
import { useT, type Translate } from '../../utils/use-t';
import type { FieldErrors } from '../form/field-errors';
import { ProblemSummary } from '../form/ProblemSummary';
import { useFormProblems } from '../form/use-form-problems';
import { Cell, FormSection } from '../form/FormSection';
import { isTextSetting, TEXT_SETTINGS } from './text-settings';
import { SettingInput, type SettingValue } from './SettingInput';
import { fieldPath, SETTING_GROUPS, type SettingField } from './setting-fields';

type Draft = Record<string, SettingValue>;

const ALL_FIELDS = SETTING_GROUPS.flatMap(({ fields }) => fields);

/** A setting as the form holds it: text kinds as lines of text, the others as they are. */
function read(values: SettingsValues | SettingsView['overridden'], field: SettingField): SettingValue {
  const raw = (values[field.group] as Record<string, unknown> | undefined)?.[field.key];
  if (isTextSetting(field.kind)) return raw === undefined ? undefined : TEXT_SETTINGS[field.kind].format(raw);
  return raw as SettingValue;
}

const toDraft = (values: SettingsValues): Draft => Object.fromEntries(ALL_FIELDS.map((field) => [fieldPath(field), read(values, field)]));

/** What cannot be sent at all (lines of a text kind that do not parse): one problem per field, a line each. */
function localProblems(draft: Draft, t: Translate): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ALL_FIELDS) {
    if (!isTextSetting(field.kind)) continue;
    const parsed = TEXT_SETTINGS[field.kind].parse(String(draft[fieldPath(field)] ?? ''));
    if (!parsed.ok) problems.push({ path: fieldPath(field), message: parsed.problems.map(({ line, message }) => t(message, { line })).join('\n') });
  }
  return problems;
}

/** What Save sends: changed values, and `null` for every field to put back to its file value. */
function toUpdate(draft: Draft, resets: string[], saved: SettingsValues): SettingsUpdate {
  const update: SettingsUpdate = {};
  for (const field of ALL_FIELDS) {
    const path = fieldPath(field);
    const reset = resets.includes(path);
    if (!reset && draft[path] === read(saved, field)) continue;
    // An emptied number field is sent as typed (''): the server says what is wrong with it.
    const typed = isTextSetting(field.kind) ? TEXT_SETTINGS[field.kind].parse(String(draft[path] ?? '')) : null;
    const value = reset ? null : typed?.ok ? typed.value : (draft[path] ?? '');
    update[field.group] = { ...update[field.group], [field.key]: value };
  }
  return update;
}

/** Problems by form field: `privacy.sensitiveFields.api::x.x.0` belongs to `privacy.sensitiveFields`. */
function byField(problems: readonly FieldProblem[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const { path: key, message } of problems) {
    const field = ALL_FIELDS.find((f) => key === fieldPath(f) || key.startsWith(`${fieldPath(f)}.`));
    const path = field ? fieldPath(field) : key;
    if (path) errors[path] ??= field && key !== path ? `${key.slice(path.length + 1)}: ${message}` : message;
  }
  return errors;
}

export const OptionsEditor = ({ view, canUpdate }: { view: SettingsView; canUpdate: boolean }) => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const save = useSaveSettings();
  const [draft, setDraft] = React.useState<Draft>(() => toDraft(view.values));
  const [resets, setResets] = React.useState<string[]>([]);
  const problems = useFormProblems();
  const errors = byField(problems.list);

  const change = (field: SettingField, value: SettingValue) => {
    const path = fieldPath(field);
    setDraft((current) => ({ ...current, [path]: value }));
    setResets((current) => current.filter((p) => p !== path));
    problems.clear(path);
  };

  const reset = (field: SettingField) => {
    const path = fieldPath(field);
    setDraft((current) => ({ ...current, [path]: read(view.fileValues, field) }));
    setResets((current) => [...current, path]);
    problems.clear(path);
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const invalid = localProblems(draft, t);
    if (invalid.length) return problems.refuse(invalid.map(({ message }) => message).join('\n'), invalid);
    try {
      const saved = await save.mutateAsync(toUpdate(draft, resets, view.values));
      setDraft(toDraft(saved.values));
      setResets([]);
      problems.show([]);
      toggleNotification({ type: 'success', message: t('email-notifications.options.saved') });
    } catch (error) {
      problems.refused(error);
    }
  };

  return (
    <Page.Main>
      <Page.Title>{t('email-notifications.page.title', { name: t('email-notifications.options.title') })}</Page.Title>
      <form onSubmit={submit} noValidate>
        <Layouts.Header
          title={t('email-notifications.options.title')}
          subtitle={t('email-notifications.options.subtitle')}
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
            {SETTING_GROUPS.map(({ group, title, description, fields }) => (
              <FormSection key={group} title={t(title)} description={t(description)}>
                {fields.map((field) => (
                  <Cell key={field.key} full={isTextSetting(field.kind)}>
                    <SettingInput
                      field={field}
                      value={draft[fieldPath(field)]}
                      fileValue={read(view.fileValues, field)}
                      overridden={read(view.overridden, field) !== undefined}
                      resetPending={resets.includes(fieldPath(field))}
                      error={errors[fieldPath(field)]}
                      disabled={!canUpdate}
                      onChange={(value) => change(field, value)}
                      onReset={() => reset(field)}
                    />
                  </Cell>
                ))}
              </FormSection>
            ))}
          </Flex>
        </Layouts.Content>
      </form>
    </Page.Main>
  );
};
