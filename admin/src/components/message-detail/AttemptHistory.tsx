/*
 * The attempt history of a message (its attemptLog), oldest first: when, through which mailbox, the
 * outcome, the SMTP codes, the server's response or the error, notes (queued again, cancelled) and
 * why the mailbox was chosen (strategy, geo distance, failover hop).
 * Presentational only.
 */
import { Badge, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import type { AttemptLogEntry, AttemptOutcome } from '../../api/message-types';
import { useFormatters, EMPTY } from '../../utils/use-formatters';
import { useT, type MessageId } from '../../utils/use-t';
import { Cell, FormSection } from '../form/FormSection';
import { ColumnHeadings } from '../table/ColumnHeadings';

const COLUMNS: MessageId[] = [
  'email-notifications.attempt.at',
  'email-notifications.attempt.mailbox',
  'email-notifications.attempt.outcome',
  'email-notifications.attempt.code',
  'email-notifications.attempt.details',
];

const OUTCOMES: Record<AttemptOutcome, { label: MessageId; variant: 'success' | 'warning' | 'danger' | 'neutral' | 'secondary' }> = {
  sent: { label: 'email-notifications.attempt.outcome.sent', variant: 'success' },
  retry: { label: 'email-notifications.attempt.outcome.retry', variant: 'warning' },
  failed: { label: 'email-notifications.attempt.outcome.failed', variant: 'danger' },
  'mailbox-failed': { label: 'email-notifications.attempt.outcome.mailboxFailed', variant: 'warning' },
  'lease-expired': { label: 'email-notifications.attempt.outcome.leaseExpired', variant: 'warning' },
  waiting: { label: 'email-notifications.attempt.outcome.waiting', variant: 'secondary' },
};

const Text = ({ children }: { children: React.ReactNode }) => (
  <Typography textColor="neutral800" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
    {children}
  </Typography>
);

export const AttemptHistory = ({ entries }: { entries: AttemptLogEntry[] }) => {
  const t = useT();
  const format = useFormatters();
  const codes = (entry: AttemptLogEntry) => [entry.responseCode, entry.code].filter((c) => c !== null && c !== undefined && c !== '').join(' / ');

  return (
    <FormSection title={t('email-notifications.message.section.attempts')}>
      <Cell full>
        {entries.length === 0 ? (
          <Typography textColor="neutral600">{t('email-notifications.attempt.none')}</Typography>
        ) : (
          <Table colCount={5} rowCount={entries.length + 1} data-testid="attempt-history">
            <ColumnHeadings columns={COLUMNS} />
            <Tbody>
              {entries.map((entry, index) => (
                <Tr key={`${entry.at}-${index}`}>
                  <Td>
                    <Text>{format.dateTime(entry.at)}</Text>
                  </Td>
                  <Td>
                    <Text>{entry.mailboxName ?? EMPTY}</Text>
                  </Td>
                  <Td>
                    <Badge variant={OUTCOMES[entry.outcome]?.variant ?? 'neutral'}>
                      {OUTCOMES[entry.outcome] ? t(OUTCOMES[entry.outcome].label) : entry.outcome}
                    </Badge>
                  </Td>
                  <Td>
                    <Text>{codes(entry) || EMPTY}</Text>
                  </Td>
                  <Td>
                    <Text>
                      {[entry.response, entry.error, entry.note].filter(Boolean).join('\n') || EMPTY}
                      {entry.route && (
                        <Typography variant="pi" textColor="neutral600" display="block">
                          {t('email-notifications.attempt.route', { route: entry.route })}
                        </Typography>
                      )}
                      {entry.durationMs !== null && entry.durationMs !== undefined && (
                        <Typography variant="pi" textColor="neutral600" display="block">
                          {t('email-notifications.attempt.duration', { ms: entry.durationMs })}
                        </Typography>
                      )}
                    </Text>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </Cell>
    </FormSection>
  );
};
