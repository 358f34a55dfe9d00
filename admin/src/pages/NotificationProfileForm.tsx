/*
 * The signed-in admin's notification profile: which rule categories they receive (rules writing to
 * "subscribers of the category"), or all of them; another address to receive them at; a pause switch.
 * A refused save shows as in every editor (useFormProblems).
 */
import * as React from 'react';
import { Box, Button, Checkbox, Field, Flex, Typography } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useSaveProfile } from '../api/profile-queries';
import type { NotificationProfile } from '../api/profile-types';
import { TextField } from '../components/form/TextField';
import { ToggleField } from '../components/form/ToggleField';
import { Cell, FormSection } from '../components/form/FormSection';
import { errorAt } from '../components/form/field-errors';
import { ProblemSummary } from '../components/form/ProblemSummary';
import { useFormProblems } from '../components/form/use-form-problems';
import { useT } from '../utils/use-t';

const ALL = '*';

export const NotificationProfileForm = ({ profile }: { profile: NotificationProfile }) => {
  const t = useT();
  const save = useSaveProfile();
  const { toggleNotification } = useNotification();
  const [categories, setCategories] = React.useState<string[]>(profile.categories);
  const [alternativeEmail, setAlternativeEmail] = React.useState(profile.alternativeEmail ?? '');
  const [paused, setPaused] = React.useState(profile.paused);
  const problems = useFormProblems();
  const { errors } = problems;
  const all = categories.includes(ALL);
  // Categories the admin chose that no rule uses (any more) stay visible, so they can be removed.
  const shown = [...new Set([...profile.availableCategories, ...categories.filter((c) => c !== ALL)])].sort();

  const toggle = (category: string, checked: boolean) => setCategories((current) => (checked ? [...current, category] : current.filter((c) => c !== category)));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      const saved = await save.mutateAsync({ categories, alternativeEmail: alternativeEmail.trim() || null, paused });
      setCategories(saved.categories);
      problems.show([]);
      toggleNotification({ type: 'success', message: t('email-notifications.profile.notification.saved') });
    } catch (error) {
      problems.refused(error);
    }
  };

  return (
    <Page.Main>
      <Page.Title>{t('email-notifications.page.title', { name: t('email-notifications.profile.title') })}</Page.Title>
      <form onSubmit={submit} noValidate>
        <Layouts.Header
          title={t('email-notifications.profile.title')}
          subtitle={t('email-notifications.profile.subtitle', { email: profile.email })}
          primaryAction={
            <Button type="submit" startIcon={<Check />} loading={save.isLoading}>
              {t('email-notifications.action.save')}
            </Button>
          }
        />
        <Layouts.Content>
          <Flex direction="column" alignItems="stretch" gap={6}>
            <ProblemSummary problems={problems.list} />
            <FormSection
              title={t('email-notifications.profile.section.categories')}
              description={t('email-notifications.profile.section.categories.description')}
            >
              <Cell full>
                <Field.Root name="categories" error={errorAt(errors, 'categories')}>
                  <Flex direction="column" alignItems="flex-start" gap={3} data-testid="profile-categories">
                    <Checkbox checked={all} onCheckedChange={(checked) => toggle(ALL, checked === true)}>
                      {t('email-notifications.profile.allCategories')}
                    </Checkbox>
                    {shown.map((category) => (
                      <Checkbox
                        key={category}
                        checked={all || categories.includes(category)}
                        disabled={all}
                        onCheckedChange={(checked) => toggle(category, checked === true)}
                      >
                        {category}
                      </Checkbox>
                    ))}
                    {shown.length === 0 && <Typography textColor="neutral600">{t('email-notifications.profile.noCategories')}</Typography>}
                  </Flex>
                  <Box paddingTop={2}>
                    <Field.Error />
                  </Box>
                </Field.Root>
              </Cell>
            </FormSection>
            <FormSection title={t('email-notifications.profile.section.delivery')}>
              <Cell>
                <TextField
                  name="alternativeEmail"
                  type="email"
                  label={t('email-notifications.profile.alternativeEmail.label')}
                  hint={t('email-notifications.profile.alternativeEmail.hint', { email: profile.email })}
                  value={alternativeEmail}
                  onChange={(value) => {
                    setAlternativeEmail(value);
                    problems.clear('alternativeEmail');
                  }}
                  error={errors.alternativeEmail}
                />
              </Cell>
              <Cell>
                <ToggleField
                  name="paused"
                  label={t('email-notifications.profile.paused.label')}
                  hint={t('email-notifications.profile.paused.hint')}
                  checked={paused}
                  onChange={setPaused}
                  onLabel={t('email-notifications.toggle.on')}
                  offLabel={t('email-notifications.toggle.off')}
                />
              </Cell>
            </FormSection>
          </Flex>
        </Layouts.Content>
      </form>
    </Page.Main>
  );
};
