/*
 * A message's status as a coloured badge, with a warning icon when the message carries a problem
 * (an error on an earlier attempt, rejected recipients). Presentational only.
 */
import { Badge, Flex } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import type { MessageStatus } from '../../api/message-types';
import { useT, type MessageId } from '../../utils/use-t';

const VARIANTS: Record<MessageStatus, 'success' | 'primary' | 'danger' | 'warning' | 'neutral' | 'secondary'> = {
  queued: 'secondary',
  sending: 'primary',
  sent: 'success',
  failed: 'danger',
  cancelled: 'neutral',
};

export const STATUS_LABELS: Record<MessageStatus, MessageId> = {
  queued: 'email-notifications.status.queued',
  sending: 'email-notifications.status.sending',
  sent: 'email-notifications.status.sent',
  failed: 'email-notifications.status.failed',
  cancelled: 'email-notifications.status.cancelled',
};

export const StatusBadge = ({ status, hasWarning = false }: { status: MessageStatus; hasWarning?: boolean }) => {
  const t = useT();
  return (
    <Flex gap={1} alignItems="center">
      <Badge variant={VARIANTS[status]}>{t(STATUS_LABELS[status])}</Badge>
      {hasWarning && <WarningCircle fill="warning600" aria-label={t('email-notifications.mailLog.hasWarning')} role="img" width="1.6rem" height="1.6rem" />}
    </Flex>
  );
};
