/*
 * Settings > Email notifications > Options: the form over GET/PUT /settings. Owns the edited values
 * and the pending "reset to file value" clicks; Save sends only what changed (a reset as `null`).
 * The server is the only validator of values: its field errors (path delivery.maxAttempts) sit under
 * the inputs; only the sensitive-fields text is parsed here, as its lines must become an object.
 */
import * as React from 'react';
import { Button, Flex } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { toApiProblem } from '../../api/api-error';
import type { SettingsUpdate, SettingsValues, SettingsView } from '../../api/settings-types';
import { useSaveSettings } from '../../api/settings-queries';
import { useT, type Translate } from '../../utils/use-t';
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

/** Messages for what cannot be sent at all (a line of a text kind that does not parse). */
function localErrors(draft: Draft, t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of ALL_FIELDS) {
    if (!isTextSetting(field.kind)) continue;
    const parsed = TEXT_SETTINGS[field.kind].parse(String(draft[fieldPath(field)] ?? ''));
    if (!parsed.ok) errors[fieldPath(field)] = parsed.problems.map(({ line, message }) => t(message, { line })).join('\n');
  }
  return errors;
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

/** Server errors by form field: `privacy.sensitiveFields.api::x.x.0` belongs to `privacy.sensitiveFields`. */
function byField(fieldErrors: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [key, message] of Object.entries(fieldErrors)) {
    const field = ALL_FIELDS.find((f) => key === fieldPath(f) || key.startsWith(`${fieldPath(f)}.`));
    const path = field ? fieldPath(field) : key;
    errors[path] ??= field && key !== path ? `${key.slice(path.length + 1)}: ${message}` : message;
  }
  return errors;
}

export const OptionsEditor = ({ view, canUpdate }: { view: SettingsView; canUpdate: boolean }) => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const save = useSaveSettings();
  const [draft, setDraft] = React.useState<Draft>(() => toDraft(view.values));
  const [resets, setResets] = React.useState<string[]>([]);
  const [errors, setErrors] = React.useState<Record<string, string>>({});

  const change = (field: SettingField, value: SettingValue) => {
    const path = fieldPath(field);
    setDraft((current) => ({ ...current, [path]: value }));
    setResets((current) => current.filter((p) => p !== path));
    setErrors(({ [path]: _, ...rest }) => rest);
  };

  const reset = (field: SettingField) => {
    const path = fieldPath(field);
    setDraft((current) => ({ ...current, [path]: read(view.fileValues, field) }));
    setResets((current) => [...current, path]);
    setErrors(({ [path]: _, ...rest }) => rest);
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const invalid = localErrors(draft, t);
    if (Object.keys(invalid).length) {
      setErrors(invalid);
      toggleNotification({ type: 'danger', message: Object.values(invalid).join('\n') });
      return;
    }
    try {
      const saved = await save.mutateAsync(toUpdate(draft, resets, view.values));
      setDraft(toDraft(saved.values));
      setResets([]);
      setErrors({});
      toggleNotification({ type: 'success', message: t('email-notifications.options.saved') });
    } catch (error) {
      const problem = toApiProblem(error);
      setErrors(byField(problem.fieldErrors));
      toggleNotification({ type: 'danger', message: problem.message });
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
