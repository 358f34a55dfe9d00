/*
 * "Dry run" of a saved rule: a record id and, optionally, the values before a change (JSON); for a
 * schedule, the records matching now. Shows whether the rule matches, who would receive what and the
 * rendered message. Sends nothing.
 */
import * as React from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Play } from '@strapi/icons';
import { toApiProblem } from '../../api/api-error';
import { useDryRun } from '../../api/rule-queries';
import type { DryRunResult, Rule } from '../../api/rule-types';
import { useT } from '../../utils/use-t';
import { CodeField } from '../form/CodeField';
import { TextField } from '../form/TextField';
import { Cell, FormSection } from '../form/FormSection';
import type { FieldErrors } from '../form/field-errors';
import { DryRunResultView } from './DryRunResultView';

export const DryRunPanel = ({ rule, hasUnsavedChanges }: { rule: Rule; hasUnsavedChanges: boolean }) => {
  const t = useT();
  const dryRun = useDryRun(rule.id);
  const [documentId, setDocumentId] = React.useState('');
  const [previous, setPrevious] = React.useState('');
  const [errors, setErrors] = React.useState<FieldErrors & { general?: string }>({});
  const [result, setResult] = React.useState<DryRunResult | null>(null);
  const contentType = 'contentType' in rule.trigger ? rule.trigger.contentType : undefined;
  // A schedule is tried on the records matching now: no record to choose.
  const isDigest = rule.trigger.type === 'schedule';

  const run = async () => {
    setResult(null);
    let before: Record<string, unknown> | undefined;
    if (previous.trim()) {
      try {
        before = JSON.parse(previous) as Record<string, unknown>;
      } catch (error) {
        return setErrors({ previous: t('email-notifications.dryRun.previous.invalid', { reason: error instanceof Error ? error.message : String(error) }) });
      }
      if (!before || typeof before !== 'object' || Array.isArray(before)) return setErrors({ previous: t('email-notifications.dryRun.previous.notObject') });
    }
    try {
      setResult(await dryRun.mutateAsync(isDigest ? {} : { documentId: documentId.trim(), ...(before ? { previous: before } : {}) }));
      setErrors({});
    } catch (error) {
      const problem = toApiProblem(error);
      setErrors({ ...problem.fieldErrors, general: problem.fieldErrors.documentId ? undefined : problem.message });
    }
  };

  return (
    <FormSection title={t('email-notifications.dryRun.title')} description={t('email-notifications.dryRun.description')}>
      {!contentType ? (
        <Cell full>
          <Typography textColor="neutral600">{t('email-notifications.dryRun.noContentType')}</Typography>
        </Cell>
      ) : (
        <>
          {!isDigest && (
            <Cell>
              <TextField
                name="dryRun.documentId"
                label={t('email-notifications.dryRun.documentId')}
                hint={t('email-notifications.dryRun.documentId.hint', { contentType })}
                value={documentId}
                onChange={setDocumentId}
                error={errors.documentId}
                required
              />
            </Cell>
          )}
          {rule.trigger.type === 'record' && (
            <Cell>
              <CodeField
                name="dryRun.previous"
                label={t('email-notifications.dryRun.previous')}
                hint={t('email-notifications.dryRun.previous.hint')}
                placeholder='{ "stage": "received" }'
                value={previous}
                rows={3}
                onChange={setPrevious}
                error={errors.previous}
              />
            </Cell>
          )}
          <Cell full>
            <Flex gap={4} alignItems="center">
              {/* A button, not a submit: the panel sits outside the rule form and never saves. */}
              <Button type="button" variant="secondary" startIcon={<Play />} loading={dryRun.isLoading} disabled={!isDigest && !documentId.trim()} onClick={run}>
                {t('email-notifications.dryRun.run')}
              </Button>
              {hasUnsavedChanges && (
                <Typography variant="pi" textColor="warning600">
                  {t('email-notifications.dryRun.unsaved')}
                </Typography>
              )}
            </Flex>
            {errors.general && (
              <Box paddingTop={2}>
                <Typography textColor="danger600" data-testid="dry-run-error">
                  {errors.general}
                </Typography>
              </Box>
            )}
          </Cell>
          {result && (
            <Cell full>
              <DryRunResultView result={result} />
            </Cell>
          )}
        </>
      )}
    </FormSection>
  );
};
