/*
 * Each outgoing mailbox at a glance: sent today against its daily quota, its circuit (closed, open
 * until …, half-open) and its last error. Shows what it is given; fetches nothing.
 */
import { Badge, Box, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { CircuitState, MailboxGlance } from '../../api/stats-types';
import { useFormatters } from '../../utils/use-formatters';
import { useT, type MessageId } from '../../utils/use-t';

const CIRCUIT: Record<CircuitState, { label: MessageId; textColor: string; backgroundColor: string }> = {
  closed: { label: 'email-notifications.overview.circuit.closed', textColor: 'success700', backgroundColor: 'success100' },
  open: { label: 'email-notifications.overview.circuit.open', textColor: 'danger700', backgroundColor: 'danger100' },
  'half-open': { label: 'email-notifications.overview.circuit.halfOpen', textColor: 'warning700', backgroundColor: 'warning100' },
};

export const MailboxHealthTable = ({ mailboxes }: { mailboxes: MailboxGlance[] }) => {
  const t = useT();
  const { dateTime } = useFormatters();
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow">
      <Box padding={4} paddingBottom={2}>
        <Typography variant="delta" tag="h3">
          {t('email-notifications.overview.mailboxes.title')}
        </Typography>
      </Box>
      <Table colCount={4} rowCount={mailboxes.length + 1}>
        <Thead>
          <Tr>
            <Th><Typography variant="sigma">{t('email-notifications.overview.mailboxes.name')}</Typography></Th>
            <Th><Typography variant="sigma">{t('email-notifications.overview.mailboxes.sentToday')}</Typography></Th>
            <Th><Typography variant="sigma">{t('email-notifications.overview.mailboxes.circuit')}</Typography></Th>
            <Th><Typography variant="sigma">{t('email-notifications.overview.mailboxes.lastError')}</Typography></Th>
          </Tr>
        </Thead>
        <Tbody>
          {mailboxes.map((mailbox) => {
            const circuit = CIRCUIT[mailbox.circuit];
            return (
              <Tr key={mailbox.id} data-testid="mailbox-glance">
                <Td>
                  <Typography fontWeight="semiBold">{mailbox.name}</Typography>
                  {!mailbox.enabled && <Typography textColor="neutral500"> {t('email-notifications.overview.mailboxes.disabled')}</Typography>}
                </Td>
                <Td>
                  <Typography>
                    {mailbox.dailyQuota > 0
                      ? t('email-notifications.overview.mailboxes.ofQuota', { sent: mailbox.sentToday, quota: mailbox.dailyQuota })
                      : t('email-notifications.overview.mailboxes.noQuota', { sent: mailbox.sentToday })}
                  </Typography>
                </Td>
                <Td>
                  <Badge textColor={circuit.textColor} backgroundColor={circuit.backgroundColor}>
                    {t(circuit.label)}
                  </Badge>
                  {mailbox.circuit === 'open' && mailbox.circuitOpenUntil && (
                    <Typography textColor="neutral600"> {t('email-notifications.overview.circuit.until', { time: dateTime(mailbox.circuitOpenUntil) })}</Typography>
                  )}
                </Td>
                <Td style={{ whiteSpace: 'normal' }}>
                  {mailbox.lastError ? (
                    <Typography textColor="danger600">
                      {mailbox.lastError}
                      {mailbox.lastErrorAt && ` (${dateTime(mailbox.lastErrorAt)})`}
                    </Typography>
                  ) : (
                    <Typography textColor="neutral500">{t('email-notifications.overview.mailboxes.noError')}</Typography>
                  )}
                </Td>
              </Tr>
            );
          })}
        </Tbody>
      </Table>
    </Box>
  );
};
