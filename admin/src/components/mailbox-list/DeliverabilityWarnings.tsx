/*
 * A mailbox's deliverability warnings in the list (no DKIM, DKIM domain not aligned, no TLS, SPF not
 * authorising the host at the last check), each a
 * short badge with the server's explanation as its tooltip. Presentational.
 */
import { Badge, Flex, Tooltip } from '@strapi/design-system';
import type { MailboxWarning } from '../../api/mailbox-types';
import { useT, type MessageId } from '../../utils/use-t';

const LABELS: Record<MailboxWarning['code'], MessageId> = {
  'no-dkim': 'email-notifications.warning.noDkim',
  'dkim-not-aligned': 'email-notifications.warning.dkimNotAligned',
  'no-tls': 'email-notifications.warning.noTls',
  'ed25519-only': 'email-notifications.warning.ed25519Only',
  'spf-host-not-allowed': 'email-notifications.warning.spfHostNotAllowed',
};

export const DeliverabilityWarnings = ({ warnings }: { warnings: MailboxWarning[] }) => {
  const t = useT();
  if (!warnings.length) return null;
  return (
    <Flex gap={1} wrap="wrap" data-testid="mailbox-warnings">
      {warnings.map((warning) => (
        <Tooltip key={warning.code} label={warning.message}>
          <Badge variant="warning" data-warning={warning.code}>
            {t(LABELS[warning.code])}
          </Badge>
        </Tooltip>
      ))}
    </Flex>
  );
};
