/*
 * The table of templates: name and description, category, content type, locale, version, whether a
 * built-in is still as shipped ("Default") or "Edited", last update, and Edit / Delete (never for
 * built-ins) for admins who may change them. Presentational: every action is a callback of the page.
 */
import { Badge, Box, Flex, IconButton, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { Pencil, Trash } from '@strapi/icons';
import { useNavigate } from 'react-router-dom';
import type { Template } from '../../api/template-types';
import { EMPTY, useFormatters } from '../../utils/use-formatters';
import { useT, type MessageId } from '../../utils/use-t';
import { ColumnHeadings } from '../table/ColumnHeadings';

const COLUMNS: MessageId[] = [
  'email-notifications.templates.column.name',
  'email-notifications.templates.column.category',
  'email-notifications.templates.column.contentType',
  'email-notifications.templates.column.locale',
  'email-notifications.templates.column.version',
  'email-notifications.templates.column.status',
  'email-notifications.templates.column.updated',
];

interface TemplateTableProps {
  templates: Template[];
  canUpdate: boolean;
  onDelete: (template: Template) => void;
}

export const TemplateTable = ({ templates, canUpdate, onDelete }: TemplateTableProps) => {
  const t = useT();
  const format = useFormatters();
  const navigate = useNavigate();

  return (
    <Table colCount={8} rowCount={templates.length + 1}>
      <ColumnHeadings columns={COLUMNS} actions="email-notifications.templates.column.actions" />
      <Tbody>
        {templates.map((template) => (
          <Tr key={template.id} onClick={() => navigate(template.id)} style={{ cursor: 'pointer' }} data-testid="template-row">
            <Td>
              {/* Long descriptions are cut: the table must fit beside the settings menu. */}
              <Box maxWidth="32rem">
                <Typography tag="div" fontWeight="semiBold" textColor="neutral800" ellipsis>
                  {template.name}
                </Typography>
                {template.description && (
                  <Typography tag="div" variant="pi" textColor="neutral600" ellipsis title={template.description}>
                    {template.description}
                  </Typography>
                )}
              </Box>
            </Td>
            <Td>
              <Typography textColor="neutral800">{t(`email-notifications.templates.category.${template.category}`)}</Typography>
            </Td>
            <Td>
              <Typography textColor="neutral800">{template.contentType ?? EMPTY}</Typography>
            </Td>
            <Td>
              <Typography textColor="neutral800">{template.locale}</Typography>
            </Td>
            <Td>
              <Typography textColor="neutral800">{template.version}</Typography>
            </Td>
            <Td>
              {template.builtIn &&
                (template.isDefault ? (
                  <Badge variant="success">{t('email-notifications.templates.badge.default')}</Badge>
                ) : (
                  <Badge variant="warning">{t('email-notifications.templates.badge.edited')}</Badge>
                ))}
            </Td>
            <Td>
              <Typography textColor="neutral800" title={format.dateTime(template.updatedAt)}>
                {format.clock(template.updatedAt)}
              </Typography>
            </Td>
            <Td onClick={(event: React.MouseEvent) => event.stopPropagation()}>
              <Flex gap={1} justifyContent="flex-end">
                <IconButton label={t('email-notifications.templates.action.edit', { name: template.name })} variant="ghost" onClick={() => navigate(template.id)}>
                  <Pencil />
                </IconButton>
                {canUpdate && !template.builtIn && (
                  <IconButton label={t('email-notifications.templates.action.delete', { name: template.name })} variant="ghost" onClick={() => onDelete(template)}>
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
