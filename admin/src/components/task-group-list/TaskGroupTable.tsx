/*
 * The table of task groups: name and description, strategy, mailboxes in order of use, fallback, and
 * Edit / Delete for admins who may change them. Presentational: every action is a callback of the page.
 */
import { Flex, IconButton, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { Pencil, Trash } from '@strapi/icons';
import { useNavigate } from 'react-router-dom';
import type { MailboxSummary } from '../../api/mailbox-types';
import type { TaskGroup } from '../../api/task-group-types';
import { mailboxLabel } from '../../utils/mailbox-label';
import { useT, type MessageId } from '../../utils/use-t';
import { ColumnHeadings } from '../table/ColumnHeadings';

const COLUMNS: MessageId[] = [
  'email-notifications.taskGroups.column.name',
  'email-notifications.taskGroups.column.strategy',
  'email-notifications.taskGroups.column.mailboxes',
  'email-notifications.taskGroups.column.fallback',
];

interface TaskGroupTableProps {
  groups: TaskGroup[];
  mailboxes: readonly MailboxSummary[];
  canUpdate: boolean;
  onDelete: (group: TaskGroup) => void;
}

export const TaskGroupTable = ({ groups, mailboxes, canUpdate, onDelete }: TaskGroupTableProps) => {
  const t = useT();
  const navigate = useNavigate();

  return (
    <Table colCount={5} rowCount={groups.length + 1}>
      <ColumnHeadings columns={COLUMNS} actions="email-notifications.taskGroups.column.actions" />
      <Tbody>
        {groups.map((group) => (
          <Tr key={group.id} onClick={() => navigate(group.id)} style={{ cursor: 'pointer' }}>
            <Td>
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <Typography fontWeight="semiBold" textColor="neutral800">
                  {group.name}
                </Typography>
                {group.description && (
                  <Typography variant="pi" textColor="neutral600">
                    {group.description}
                  </Typography>
                )}
              </Flex>
            </Td>
            <Td>
              <Typography textColor="neutral800">{t(`email-notifications.strategy.${group.strategy}`)}</Typography>
            </Td>
            <Td>
              <Typography textColor="neutral800" data-testid="task-group-mailbox-names">
                {group.mailboxes.map((id) => mailboxLabel(id, mailboxes, t)).join(', ')}
              </Typography>
            </Td>
            <Td>
              <Typography textColor="neutral800">{t(`email-notifications.fallback.${group.fallback}`)}</Typography>
            </Td>
            <Td onClick={(event: React.MouseEvent) => event.stopPropagation()}>
              {canUpdate && (
                <Flex gap={1} justifyContent="flex-end">
                  <IconButton label={t('email-notifications.taskGroups.action.edit', { name: group.name })} variant="ghost" onClick={() => navigate(group.id)}>
                    <Pencil />
                  </IconButton>
                  <IconButton label={t('email-notifications.taskGroups.action.delete', { name: group.name })} variant="ghost" onClick={() => onDelete(group)}>
                    <Trash />
                  </IconButton>
                </Flex>
              )}
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
