/*
 * The table of held addresses: a checkbox per row (and one for the page), the address, why it is held
 * (bounce or opt-out), what it covers, the reason, since and until. Presentational: rows and the
 * selection come from the page.
 */
import { Badge, Checkbox, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { Suppression } from '../../api/suppression-types';
import { useFormatters } from '../../utils/use-formatters';
import { useT, type MessageId } from '../../utils/use-t';

const COLUMNS: MessageId[] = [
  'email-notifications.suppressions.column.address',
  'email-notifications.suppressions.column.kind',
  'email-notifications.suppressions.column.scope',
  'email-notifications.suppressions.column.reason',
  'email-notifications.suppressions.column.since',
  'email-notifications.suppressions.column.until',
];

interface SuppressionTableProps {
  rows: Suppression[];
  selected: ReadonlySet<string>;
  /** Null when the admin may not release: no checkboxes. */
  onSelect: ((ids: string[], checked: boolean) => void) | null;
}

export const SuppressionTable = ({ rows, selected, onSelect }: SuppressionTableProps) => {
  const t = useT();
  const format = useFormatters();
  const all = rows.length > 0 && rows.every((row) => selected.has(row.id));
  const some = rows.some((row) => selected.has(row.id));
  const scopeOf = (scope: string) =>
    scope === '*'
      ? t('email-notifications.suppressions.scope.all')
      : scope.startsWith('category:')
        ? t('email-notifications.suppressions.scope.category', { category: scope.slice('category:'.length) })
        : t('email-notifications.suppressions.scope.rule');

  return (
    <Table colCount={COLUMNS.length + (onSelect ? 1 : 0)} rowCount={rows.length + 1}>
      <Thead>
        <Tr>
          {onSelect && (
            <Th>
              <Checkbox
                aria-label={t('email-notifications.suppressions.selectAll')}
                checked={all ? true : some ? 'indeterminate' : false}
                onCheckedChange={(checked: boolean | 'indeterminate') => onSelect(rows.map((row) => row.id), checked === true)}
              />
            </Th>
          )}
          {COLUMNS.map((id) => (
            <Th key={id}>
              <Typography variant="sigma" textColor="neutral600">
                {t(id)}
              </Typography>
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((row) => (
          <Tr key={row.id}>
            {onSelect && (
              <Td>
                <Checkbox
                  aria-label={t('email-notifications.suppressions.select', { address: row.address })}
                  checked={selected.has(row.id)}
                  onCheckedChange={(checked: boolean | 'indeterminate') => onSelect([row.id], checked === true)}
                />
              </Td>
            )}
            <Td>
              <Typography fontWeight="semiBold">{row.address}</Typography>
            </Td>
            <Td>
              <Badge active={row.kind === 'unsubscribe'}>
                {t(row.kind === 'bounce' ? 'email-notifications.suppressions.kind.bounce' : 'email-notifications.suppressions.kind.unsubscribe')}
              </Badge>
            </Td>
            <Td>
              <Typography>{scopeOf(row.scope)}</Typography>
            </Td>
            <Td style={{ whiteSpace: 'normal' }}>
              <Typography display="block" style={{ minWidth: '20rem', overflowWrap: 'anywhere' }}>
                {row.reason}
              </Typography>
            </Td>
            <Td>
              <Typography>{format.dateTime(row.since)}</Typography>
            </Td>
            <Td>
              <Typography>{row.until ? format.dateTime(row.until) : t('email-notifications.suppressions.untilReleased')}</Typography>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
