/*
 * The extra headers a message was sent with (name and value, e.g. Auto-Submitted, List-Id), as a
 * two-column table. Presentational only.
 */
import { Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { useT, type MessageId } from '../../utils/use-t';
import { Cell, FormSection } from '../form/FormSection';
import { ColumnHeadings } from '../table/ColumnHeadings';

const COLUMNS: MessageId[] = ['email-notifications.message.header.name', 'email-notifications.message.header.value'];

export const HeadersTable = ({ headers }: { headers: Record<string, string> }) => {
  const t = useT();
  const entries = Object.entries(headers);
  return (
    <FormSection title={t('email-notifications.message.section.headers')}>
      <Cell full>
        {entries.length === 0 ? (
          <Typography textColor="neutral600">{t('email-notifications.message.noHeaders')}</Typography>
        ) : (
          <Table colCount={2} rowCount={entries.length + 1}>
            <ColumnHeadings columns={COLUMNS} />
            <Tbody>
              {entries.map(([name, value]) => (
                <Tr key={name}>
                  <Td>
                    <Typography fontWeight="semiBold" textColor="neutral800">
                      {name}
                    </Typography>
                  </Td>
                  <Td>
                    <Typography textColor="neutral800" style={{ overflowWrap: 'anywhere' }}>
                      {value}
                    </Typography>
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
