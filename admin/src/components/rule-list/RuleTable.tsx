/*
 * The table of rules: an enabled switch, name and description, trigger in one line, category, when it
 * last fired, fired / sent / suppressed counts, its problems, and Edit / Delete for admins who may change
 * rules. Presentational: every action is a callback of the page.
 */
import { Flex, IconButton, Switch, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { Pencil, Trash } from '@strapi/icons';
import { useNavigate } from 'react-router-dom';
import type { Rule, RulesMeta } from '../../api/rule-types';
import { useFormatters } from '../../utils/use-formatters';
import { useT, type MessageId } from '../../utils/use-t';
import { ColumnHeadings } from '../table/ColumnHeadings';
import { RuleProblems } from './RuleProblems';
import { describeTrigger } from './trigger-summary';
import { useRelativeTime } from './use-relative-time';

interface RuleTableProps {
  rules: Rule[];
  meta: RulesMeta | undefined;
  canUpdate: boolean;
  onToggle: (rule: Rule, enabled: boolean) => void;
  onDelete: (rule: Rule) => void;
}

const COLUMNS: MessageId[] = [
  'email-notifications.rules.column.enabled',
  'email-notifications.rules.column.name',
  'email-notifications.rules.column.trigger',
  'email-notifications.rules.column.category',
  'email-notifications.rules.column.lastFired',
  'email-notifications.rules.column.fired',
  'email-notifications.rules.column.sent',
  'email-notifications.rules.column.suppressed',
  'email-notifications.rules.column.problems',
];

export const RuleTable = ({ rules, meta, canUpdate, onToggle, onDelete }: RuleTableProps) => {
  const t = useT();
  const navigate = useNavigate();
  const format = useFormatters();
  const relative = useRelativeTime();
  const typeName = (uid: string) => meta?.contentTypes.find((type) => type.uid === uid)?.displayName ?? uid;
  const count = (value: number) => <Typography textColor="neutral800">{format.number(value)}</Typography>;

  return (
    <Table colCount={COLUMNS.length + 1} rowCount={rules.length + 1}>
      <ColumnHeadings columns={COLUMNS} actions="email-notifications.rules.column.actions" />
      <Tbody>
        {rules.map((rule) => (
          <Tr key={rule.id} onClick={() => navigate(rule.id)} style={{ cursor: 'pointer' }} data-testid="rule-row">
            <Td onClick={(event: React.MouseEvent) => event.stopPropagation()}>
              <Switch
                checked={rule.enabled}
                onCheckedChange={(enabled) => onToggle(rule, enabled)}
                disabled={!canUpdate || rule.managedBy === 'config'}
                aria-label={t('email-notifications.rules.action.enable', { name: rule.name })}
              />
            </Td>
            <Td>
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <Typography fontWeight="semiBold" textColor="neutral800">
                  {rule.name}
                </Typography>
                {rule.description && (
                  <Typography variant="pi" textColor="neutral600">
                    {rule.description}
                  </Typography>
                )}
              </Flex>
            </Td>
            <Td>
              <Typography textColor="neutral800" data-testid="rule-trigger">
                {describeTrigger(rule.trigger, typeName, t)}
              </Typography>
            </Td>
            <Td>
              <Typography textColor="neutral800">{rule.category}</Typography>
            </Td>
            <Td>
              <Typography textColor="neutral800" title={rule.stats.lastFiredAt ? format.dateTime(rule.stats.lastFiredAt) : undefined}>
                {relative(rule.stats.lastFiredAt)}
              </Typography>
            </Td>
            <Td>{count(rule.stats.firedCount)}</Td>
            <Td>{count(rule.stats.sentCount)}</Td>
            <Td>{count(rule.stats.suppressedCount)}</Td>
            <Td>
              <RuleProblems stats={rule.stats} />
            </Td>
            <Td onClick={(event: React.MouseEvent) => event.stopPropagation()}>
              <Flex gap={1} justifyContent="flex-end">
                <IconButton label={t('email-notifications.rules.action.edit', { name: rule.name })} variant="ghost" onClick={() => navigate(rule.id)}>
                  <Pencil />
                </IconButton>
                {canUpdate && rule.managedBy !== 'config' && (
                  <IconButton label={t('email-notifications.rules.action.delete', { name: rule.name })} variant="ghost" onClick={() => onDelete(rule)}>
                    <Trash />
                  </IconButton>
                )}
              </Flex>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
