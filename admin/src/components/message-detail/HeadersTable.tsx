/*
 * The extra headers a message was sent with (name and value, e.g. Auto-Submitted, List-Id), as a
 * two-column table. Presentational only.
 */
import { Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useT } from '../../utils/use-t';
import { Cell, FormSection } from '../form/FormSection';

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
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma" textColor="neutral600">
                    {t('email-notifications.message.header.name')}
                  </Typography>
                </Th>
                <Th>
                  <Typography variant="sigma" textColor="neutral600">
                    {t('email-notifications.message.header.value')}
                  </Typography>
                </Th>
              </Tr>
            </Thead>
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
