/*
 * The delivery workers of every Strapi instance (instance id, pid, last heartbeat, sent/failed counts,
 * alive or not) in a collapsed section under the health cards. Presentational only.
 */
import { Accordion, Status, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import type { WorkerInfo } from '../../api/message-types';
import { useFormatters } from '../../utils/use-formatters';
import { useT, type MessageId } from '../../utils/use-t';
import { ColumnHeadings } from '../table/ColumnHeadings';

const COLUMNS: MessageId[] = [
  'email-notifications.health.workers.instance',
  'email-notifications.health.workers.pid',
  'email-notifications.health.workers.lastBeat',
  'email-notifications.health.workers.counts',
  'email-notifications.health.workers.state',
];

export const WorkersSection = ({ workers }: { workers: WorkerInfo[] }) => {
  const t = useT();
  const format = useFormatters();
  const alive = workers.filter((worker) => worker.alive).length;
  return (
    <Accordion.Root>
      <Accordion.Item value="workers">
        <Accordion.Header>
          <Accordion.Trigger>{t('email-notifications.health.workers.title', { alive, total: workers.length })}</Accordion.Trigger>
        </Accordion.Header>
        <Accordion.Content>
          {workers.length === 0 ? (
            <Typography tag="p" textColor="neutral600" padding={4}>
              {t('email-notifications.health.workers.none')}
            </Typography>
          ) : (
            <Table colCount={5} rowCount={workers.length + 1}>
              <ColumnHeadings columns={COLUMNS} />
              <Tbody>
                {workers.map((worker) => (
                  <Tr key={worker.instanceId}>
                    <Td>
                      <Typography textColor="neutral800">{worker.instanceId}</Typography>
                    </Td>
                    <Td>
                      <Typography textColor="neutral800">{worker.pid}</Typography>
                    </Td>
                    <Td>
                      <Typography textColor="neutral800">{format.dateTime(worker.lastBeatAt)}</Typography>
                    </Td>
                    <Td>
                      <Typography textColor="neutral800">
                        {t('email-notifications.health.workers.sentFailed', { sent: worker.sentCount, failed: worker.failedCount })}
                      </Typography>
                    </Td>
                    <Td>
                      <Status variant={worker.alive ? 'success' : 'danger'} size="S">
                        <Typography fontWeight="bold" textColor={worker.alive ? 'success700' : 'danger700'}>
                          {t(worker.alive ? 'email-notifications.health.workers.alive' : 'email-notifications.health.workers.down')}
                        </Typography>
                      </Status>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </Accordion.Content>
      </Accordion.Item>
    </Accordion.Root>
  );
};
