/*
 * The action history of a saved rule, newest first: when, which action, the outcome, attempts, the
 * HTTP status or the error, the next attempt, whether it was a test and how many events it folded.
 * Paginated through the URL (?page=&pageSize=) like the Mail log; reads itself again while a run is
 * unfinished (useEventRuleHistory).
 */
import { Badge, Flex, Loader, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { Pagination, useQueryParams } from '@strapi/strapi/admin';
import { toApiProblem } from '../../api/api-error';
import { useEventRuleHistory } from '../../api/event-rule-queries';
import type { ActionRunView } from '../../api/event-rule-types';
import { EMPTY, useFormatters } from '../../utils/use-formatters';
import { useT, type MessageId } from '../../utils/use-t';
import { Cell, FormSection } from '../form/FormSection';
import { ColumnHeadings } from '../table/ColumnHeadings';
import { actionLabel, RUN_STATUS_BADGES } from './run-status';

const COLUMNS: MessageId[] = [
  'email-notifications.eventHistory.column.at',
  'email-notifications.eventHistory.column.action',
  'email-notifications.eventHistory.column.status',
  'email-notifications.eventHistory.column.attempts',
  'email-notifications.eventHistory.column.result',
  'email-notifications.eventHistory.column.nextAttempt',
  'email-notifications.eventHistory.column.test',
  'email-notifications.eventHistory.column.folded',
];
const PAGE_SIZES = ['10', '25', '50'];
const DEFAULT_PAGE_SIZE = 10;

const Text = ({ children }: { children: React.ReactNode }) => (
  <Typography textColor="neutral800" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
    {children}
  </Typography>
);

const positive = (value: string | undefined, fallback: number) => {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : fallback;
};

export const RunHistory = ({ ruleId }: { ruleId: number | string }) => {
  const t = useT();
  const format = useFormatters();
  const [{ query }] = useQueryParams<{ page?: string; pageSize?: string }>();
  const history = useEventRuleHistory(ruleId, positive(query.page, 1), positive(query.pageSize, DEFAULT_PAGE_SIZE));

  const result = (run: ActionRunView) => [run.httpStatus !== null ? `HTTP ${run.httpStatus}` : null, run.error].filter(Boolean).join(' · ') || EMPTY;
  const folded = (run: ActionRunView) =>
    run.folded && run.folded.count > 0
      ? t('email-notifications.eventHistory.folded', { count: run.folded.count, first: format.clock(run.folded.firstAt), last: format.clock(run.folded.lastAt) })
      : EMPTY;

  const body = () => {
    if (history.isLoading) return <Loader small>{t('email-notifications.eventHistory.loading')}</Loader>;
    if (!history.data) return <Typography textColor="danger600">{toApiProblem(history.error).message}</Typography>;
    const { results, pagination } = history.data;
    if (results.length === 0) return <Typography textColor="neutral600">{t('email-notifications.eventHistory.empty')}</Typography>;
    return (
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Table colCount={COLUMNS.length} rowCount={results.length + 1} data-testid="event-history">
          <ColumnHeadings columns={COLUMNS} />
          <Tbody>
            {results.map((run) => (
              <Tr key={run.id} data-testid="event-history-row">
                <Td>
                  <Text>{format.dateTime(run.createdAt)}</Text>
                </Td>
                <Td>
                  <Text>{t('email-notifications.eventHistory.action', { position: run.actionIndex + 1, action: t(actionLabel(run.actionType)) })}</Text>
                </Td>
                <Td>
                  <Badge variant={RUN_STATUS_BADGES[run.status]?.variant ?? 'neutral'}>{RUN_STATUS_BADGES[run.status] ? t(RUN_STATUS_BADGES[run.status].label) : run.status}</Badge>
                </Td>
                <Td>
                  <Text>{format.number(run.attempts)}</Text>
                </Td>
                <Td>
                  <Text>{result(run)}</Text>
                </Td>
                <Td>
                  <Text>{format.dateTime(run.nextAttemptAt)}</Text>
                </Td>
                <Td>
                  <Text>{run.test ? t('email-notifications.toggle.yes') : EMPTY}</Text>
                </Td>
                <Td>
                  <Text>{folded(run)}</Text>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
        <Pagination.Root pageCount={pagination.pageCount} total={pagination.total} defaultPageSize={DEFAULT_PAGE_SIZE}>
          <Pagination.PageSize options={PAGE_SIZES} />
          <Pagination.Links />
        </Pagination.Root>
      </Flex>
    );
  };

  return (
    <FormSection title={t('email-notifications.eventHistory.title')} description={t('email-notifications.eventHistory.description')}>
      <Cell full>{body()}</Cell>
    </FormSection>
  );
};
