/*
 * A rule's trouble in the list: its last error (with when, full text on hover) and a schedule / time
 * run that has been "running" for too long (stuck). An em dash when all is well. Presentational only.
 */
import { Flex, Tooltip, Typography } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import type { RuleStats } from '../../api/rule-types';
import { EMPTY, useFormatters } from '../../utils/use-formatters';
import { useT } from '../../utils/use-t';

const MAX_SHOWN = 60;

export const RuleProblems = ({ stats }: { stats: RuleStats }) => {
  const t = useT();
  const format = useFormatters();
  const stuck = stats.lastRun?.stuck ?? false;
  if (!stats.lastError && !stuck) return <Typography textColor="neutral500">{EMPTY}</Typography>;
  const error = stats.lastError ?? '';
  return (
    <Flex direction="column" alignItems="flex-start" gap={1} data-testid="rule-problems">
      {stuck && (
        <Flex gap={1} alignItems="center">
          <WarningCircle fill="warning600" aria-hidden width="1.6rem" height="1.6rem" />
          <Typography textColor="warning700">{t('email-notifications.rules.stuck', { since: format.dateTime(stats.lastRun?.at) })}</Typography>
        </Flex>
      )}
      {error && (
        <Tooltip label={`${format.dateTime(stats.lastErrorAt)}: ${error}`}>
          <Flex gap={1} alignItems="center" tabIndex={0}>
            <WarningCircle fill="danger600" aria-hidden width="1.6rem" height="1.6rem" />
            <Typography textColor="danger600">{error.length > MAX_SHOWN ? `${error.slice(0, MAX_SHOWN)}…` : error}</Typography>
          </Flex>
        </Tooltip>
      )}
    </Flex>
  );
};
