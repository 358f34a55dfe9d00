/*
 * "Fire a test event": runs the saved rule's actions on a sample event marked as a test and lists the
 * runs it queued (not their status, which the answer freezes); their outcome appears in the history
 * below, which reads itself again while a run is unfinished. Says when the form has unsaved changes.
 */
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Lightning } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { toApiProblem } from '../../api/api-error';
import { useFireTestEvent } from '../../api/event-rule-queries';
import type { EventRule } from '../../api/event-rule-types';
import { useT } from '../../utils/use-t';
import { Cell, FormSection } from '../form/FormSection';
import { actionLabel } from './run-status';

interface TestEventPanelProps {
  rule: EventRule;
  canUpdate: boolean;
  hasUnsavedChanges: boolean;
}

export const TestEventPanel = ({ rule, canUpdate, hasUnsavedChanges }: TestEventPanelProps) => {
  const t = useT();
  const fire = useFireTestEvent(rule.id);
  const { toggleNotification } = useNotification();
  const runs = fire.data?.runs;

  const run = async () => {
    try {
      const result = await fire.mutateAsync();
      toggleNotification({ type: 'success', message: t('email-notifications.eventForm.test.fired', { count: result.runs.length }) });
    } catch (error) {
      toggleNotification({ type: 'danger', message: toApiProblem(error).message });
    }
  };

  return (
    <FormSection title={t('email-notifications.eventForm.section.test')} description={t('email-notifications.eventForm.section.test.description')}>
      <Cell full>
        <Flex gap={4} alignItems="center" wrap="wrap">
          {canUpdate && (
            <Button variant="secondary" startIcon={<Lightning />} loading={fire.isLoading} onClick={run}>
              {t('email-notifications.eventForm.test.fire')}
            </Button>
          )}
          {hasUnsavedChanges && (
            <Typography variant="pi" textColor="warning600">
              {t('email-notifications.eventForm.test.unsaved')}
            </Typography>
          )}
        </Flex>
      </Cell>
      {runs && (
        <Cell full>
          <Box data-testid="test-event-runs">
            <Typography variant="sigma" textColor="neutral600" tag="h3">
              {t('email-notifications.eventForm.test.queued', { count: runs.length })}
            </Typography>
            <Box tag="ul" paddingTop={2}>
              {runs.map((queued) => (
                <Box tag="li" key={queued.id} paddingBottom={1}>
                  <Typography textColor="neutral800">
                    {t('email-notifications.eventForm.test.run', { position: queued.actionIndex + 1, action: t(actionLabel(queued.actionType)) })}
                  </Typography>
                </Box>
              ))}
            </Box>
            <Typography variant="pi" textColor="neutral600">
              {t('email-notifications.eventForm.test.outcome')}
            </Typography>
          </Box>
        </Cell>
      )}
    </FormSection>
  );
};
