/*
 * The outbox health above the Mail log: one small card per status count, the age of the oldest
 * queued message, a warning per problem the server detected, and the delivery workers in a
 * collapsible section. Presentational: the page polls GET /outbox/health and passes the answer.
 */
import * as React from 'react';
import { Alert, Box, Flex, Typography } from '@strapi/design-system';
import type { MessageStatus, OutboxHealth, ProblemCode } from '../../api/message-types';
import { useFormatters } from '../../utils/use-formatters';
import { useT, type MessageId } from '../../utils/use-t';
import { STATUS_LABELS } from './StatusBadge';
import { WorkersSection } from './WorkersSection';

const COUNTED: MessageStatus[] = ['queued', 'sending', 'sent', 'failed', 'cancelled'];

const PROBLEM_TITLES: Record<ProblemCode, MessageId> = {
  NO_WORKER: 'email-notifications.health.problem.NO_WORKER',
  NO_MAILBOX: 'email-notifications.health.problem.NO_MAILBOX',
  ALL_MAILBOXES_FAILING: 'email-notifications.health.problem.ALL_MAILBOXES_FAILING',
  QUEUE_STUCK: 'email-notifications.health.problem.QUEUE_STUCK',
};

const Stat = ({ label, value, testId }: { label: string; value: string; testId: string }) => (
  <Box background="neutral0" hasRadius shadow="filterShadow" paddingTop={3} paddingBottom={3} paddingLeft={4} paddingRight={4} data-testid={testId}>
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Typography variant="sigma" textColor="neutral600">
        {label}
      </Typography>
      <Typography variant="delta" tag="p">
        {value}
      </Typography>
    </Flex>
  </Box>
);

export const HealthBanner = ({ health }: { health: OutboxHealth }) => {
  const t = useT();
  const format = useFormatters();
  const [dismissed, setDismissed] = React.useState<ProblemCode[]>([]);
  const present = health.problems.map((problem) => problem.code).join(',');
  // A dismissed problem that went away and comes back is shown again.
  React.useEffect(() => setDismissed((codes) => codes.filter((code) => present.split(',').includes(code))), [present]);
  return (
    <Flex direction="column" alignItems="stretch" gap={3} role="region" aria-label={t('email-notifications.health.title')}>
      {health.problems
        .filter((problem) => !dismissed.includes(problem.code))
        .map((problem) => (
          <Alert
            key={problem.code}
            variant={problem.code === 'QUEUE_STUCK' ? 'warning' : 'danger'}
            title={t(PROBLEM_TITLES[problem.code] ?? 'email-notifications.health.problem.other')}
            closeLabel={t('email-notifications.action.close')}
            onClose={() => setDismissed((codes) => [...codes, problem.code])}
            data-testid={`health-problem-${problem.code}`}
          >
            {problem.message}
          </Alert>
        ))}
      <Flex gap={3} wrap="wrap" alignItems="stretch">
        {COUNTED.map((status) => (
          <Stat key={status} label={t(STATUS_LABELS[status])} value={format.number(health.counts[status] ?? 0)} testId={`health-count-${status}`} />
        ))}
        <Stat label={t('email-notifications.health.oldestQueued')} value={format.age(health.oldestQueuedAgeSeconds)} testId="health-oldest-queued" />
      </Flex>
      <WorkersSection workers={health.workers} />
    </Flex>
  );
};
