/*
 * What a mailbox sent today (UTC day) next to its daily quota ("12 / 50", or "12" without a quota),
 * and, when it has a rate limit, what it sent in the last minute against that limit. Presentational.
 */
import { Flex, Typography } from '@strapi/design-system';
import type { MailboxListItem } from '../../api/mailbox-types';
import { useFormatters } from '../../utils/use-formatters';
import { useT } from '../../utils/use-t';

export const UsageCell = ({ mailbox }: { mailbox: MailboxListItem }) => {
  const t = useT();
  const { number } = useFormatters();
  const { sentToday, sentLastMinute } = mailbox.usage;
  return (
    <Flex direction="column" alignItems="flex-start" gap={1} data-testid="mailbox-usage">
      <Typography textColor="neutral800">
        {mailbox.dailyQuota > 0 ? t('email-notifications.usage.ofQuota', { sent: number(sentToday), quota: number(mailbox.dailyQuota) }) : number(sentToday)}
      </Typography>
      {mailbox.rateLimitPerMinute > 0 && (
        <Typography variant="pi" textColor="neutral600">
          {t('email-notifications.usage.perMinute', { sent: number(sentLastMinute), limit: number(mailbox.rateLimitPerMinute) })}
        </Typography>
      )}
    </Flex>
  );
};
