/*
 * The heading row of every table in the admin, in Strapi's list grammar: small capitals in neutral600,
 * and an optional last column for row actions that only screen readers name. Layout only: the rows and
 * the Table around it belong to each table.
 */
import { Th, Thead, Tr, Typography, VisuallyHidden } from '@strapi/design-system';
import { useT, type MessageId } from '../../utils/use-t';

interface ColumnHeadingsProps {
  columns: readonly MessageId[];
  /** The label of a last, visually hidden column that holds the row actions. */
  actions?: MessageId;
}

export const ColumnHeadings = ({ columns, actions }: ColumnHeadingsProps) => {
  const t = useT();
  return (
    <Thead>
      <Tr>
        {columns.map((id) => (
          <Th key={id}>
            <Typography variant="sigma" textColor="neutral600">
              {t(id)}
            </Typography>
          </Th>
        ))}
        {actions && (
          <Th>
            <VisuallyHidden>{t(actions)}</VisuallyHidden>
          </Th>
        )}
      </Tr>
    </Thead>
  );
};
