/* The oldest message still waiting in the outbox (with why it waits), linked to its detail; or "none waiting". */
import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';
import type { Stats } from '../../api/stats-types';
import { useFormatters } from '../../utils/use-formatters';
import { useT } from '../../utils/use-t';

export const OldestQueued = ({ oldest }: { oldest: Stats['oldestQueued'] }) => {
  const t = useT();
  const { dateTime, age } = useFormatters();
  return (
    <Box padding={4} background="neutral0" hasRadius shadow="tableShadow" data-testid="oldest-queued">
      <Flex direction="column" alignItems="flex-start" gap={2}>
        <Typography variant="delta" tag="h3">
          {t('email-notifications.overview.oldest.title')}
        </Typography>
        {oldest ? (
          <>
            <Link tag={NavLink} to={oldest.id}>
              {oldest.subject || t('email-notifications.overview.oldest.noSubject')}
            </Link>
            <Typography textColor="neutral600">
              {t('email-notifications.overview.oldest.since', { time: dateTime(oldest.createdAt), age: age((Date.now() - Date.parse(oldest.createdAt)) / 1000) })}
            </Typography>
            {oldest.waitingReason && <Typography textColor="warning700">{oldest.waitingReason}</Typography>}
          </>
        ) : (
          <Typography textColor="neutral600">{t('email-notifications.overview.oldest.none')}</Typography>
        )}
      </Flex>
    </Box>
  );
};
