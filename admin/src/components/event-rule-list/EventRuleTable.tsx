/*
 * The table of SMTP event rules: an enabled switch, name (and "From plugin options" for read-only
 * rules), event type, the actions as icons with their names, last fired, actions run and folded
 * counts, and Edit / Delete for admins who may change them. Presentational: actions are page callbacks.
 */
import { Badge, Flex, IconButton, Switch, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { File, Mail, Pencil, PuzzlePiece, Trash, User, Webhooks } from '@strapi/icons';
import { useNavigate } from 'react-router-dom';
import type { ActionType, EventRule } from '../../api/event-rule-types';
import { useFormatters } from '../../utils/use-formatters';
import { useT, type MessageId } from '../../utils/use-t';
import { actionLabel } from '../event-rule-form/run-status';
import { useRelativeTime } from '../rule-list/use-relative-time';
import { ColumnHeadings } from '../table/ColumnHeadings';

interface EventRuleTableProps {
  rules: EventRule[];
  canUpdate: boolean;
  onToggle: (rule: EventRule, enabled: boolean) => void;
  onDelete: (rule: EventRule) => void;
}

const COLUMNS: MessageId[] = [
  'email-notifications.events.column.enabled',
  'email-notifications.events.column.name',
  'email-notifications.events.column.eventType',
  'email-notifications.events.column.actions',
  'email-notifications.events.column.lastFired',
  'email-notifications.events.column.actionsRun',
  'email-notifications.events.column.folded',
];

const ACTION_ICONS: Record<ActionType, typeof Mail> = { webhook: Webhooks, log: File, provider: PuzzlePiece, email: Mail, profiles: User };

export const EventRuleTable = ({ rules, canUpdate, onToggle, onDelete }: EventRuleTableProps) => {
  const t = useT();
  const navigate = useNavigate();
  const format = useFormatters();
  const relative = useRelativeTime();
  const open = (rule: EventRule) => navigate(encodeURIComponent(String(rule.id)));

  return (
    <Table colCount={COLUMNS.length + 1} rowCount={rules.length + 1}>
      <ColumnHeadings columns={COLUMNS} actions="email-notifications.events.column.rowActions" />
      <Tbody>
        {rules.map((rule) => (
          <Tr key={rule.id} onClick={() => open(rule)} style={{ cursor: 'pointer' }} data-testid="event-rule-row">
            <Td onClick={(event: React.MouseEvent) => event.stopPropagation()}>
              <Switch
                checked={rule.enabled}
                onCheckedChange={(enabled) => onToggle(rule, enabled)}
                disabled={!canUpdate || rule.readOnly}
                aria-label={t('email-notifications.events.action.enable', { name: rule.name })}
              />
            </Td>
            <Td>
              <Flex gap={2} wrap="wrap">
                <Typography fontWeight="semiBold" textColor="neutral800">
                  {rule.name}
                </Typography>
                {rule.readOnly && <Badge variant="secondary">{t('email-notifications.events.fromOptions')}</Badge>}
              </Flex>
            </Td>
            <Td>
              <Typography textColor="neutral800">{t(`email-notifications.events.type.${rule.eventType}`)}</Typography>
            </Td>
            <Td>
              <Flex gap={3} wrap="wrap" data-testid="event-rule-actions">
                {rule.actions.map((action, index) => {
                  const Icon = ACTION_ICONS[action.type];
                  return (
                    <Flex key={index} gap={1}>
                      <Icon aria-hidden />
                      <Typography textColor="neutral800">{t(actionLabel(action.type))}</Typography>
                    </Flex>
                  );
                })}
              </Flex>
            </Td>
            <Td>
              <Typography textColor="neutral800" title={rule.stats.lastFiredAt ? format.dateTime(rule.stats.lastFiredAt) : undefined}>
                {relative(rule.stats.lastFiredAt)}
              </Typography>
            </Td>
            <Td>
              <Typography textColor="neutral800">{format.number(rule.stats.actionsRun)}</Typography>
            </Td>
            <Td>
              <Typography textColor="neutral800">{format.number(rule.stats.foldedCount)}</Typography>
            </Td>
            <Td onClick={(event: React.MouseEvent) => event.stopPropagation()}>
              <Flex gap={1} justifyContent="flex-end">
                <IconButton label={t('email-notifications.events.action.edit', { name: rule.name })} variant="ghost" onClick={() => open(rule)}>
                  <Pencil />
                </IconButton>
                {canUpdate && !rule.readOnly && (
                  <IconButton label={t('email-notifications.events.action.delete', { name: rule.name })} variant="ghost" onClick={() => onDelete(rule)}>
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
