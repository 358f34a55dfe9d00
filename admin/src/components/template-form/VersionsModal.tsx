/*
 * The Versions dialog of a saved template: its previous versions (newest first) with who saved them
 * and when, "Show diff" (from that version to the current one) and "Restore" (saved as a new version,
 * so nothing is lost). Restoring is reported to the editor, which shows the restored fields.
 */
import * as React from 'react';
import { Box, Button, Flex, Modal, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { toApiProblem } from '../../api/api-error';
import { useRestoreTemplate, useTemplateDiff, useTemplateVersions } from '../../api/template-queries';
import type { Template } from '../../api/template-types';
import { EMPTY, useFormatters } from '../../utils/use-formatters';
import { useT, type MessageId } from '../../utils/use-t';
import { ColumnHeadings } from '../table/ColumnHeadings';
import { DiffView } from './DiffView';

const COLUMNS: MessageId[] = [
  'email-notifications.templateForm.versions.column.version',
  'email-notifications.templateForm.versions.column.savedBy',
  'email-notifications.templateForm.versions.column.savedAt',
];

interface VersionsModalProps {
  template: Template;
  canUpdate: boolean;
  onRestored: (template: Template) => void;
  onClose: () => void;
}

export const VersionsModal = ({ template, canUpdate, onRestored, onClose }: VersionsModalProps) => {
  const t = useT();
  const format = useFormatters();
  const { toggleNotification } = useNotification();
  const versions = useTemplateVersions(template.id, true);
  const [shown, setShown] = React.useState<number | null>(null);
  const diff = useTemplateDiff(template.id, shown);
  const restore = useRestoreTemplate();

  const restoreVersion = async (version: number) => {
    try {
      const restored = await restore.mutateAsync({ id: template.id, version });
      toggleNotification({ type: 'success', message: t('email-notifications.templateForm.versions.restored', { version, current: restored.version }) });
      setShown(null);
      onRestored(restored);
    } catch (error) {
      toggleNotification({ type: 'danger', message: toApiProblem(error).message });
    }
  };

  return (
    <Modal.Root open onOpenChange={(open) => !open && onClose()}>
      <Modal.Content style={{ maxWidth: '96rem', width: '90vw' }}>
        <Modal.Header>
          <Modal.Title>{t('email-notifications.templateForm.versions.title', { name: template.name })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography textColor="neutral700">{t('email-notifications.templateForm.versions.current', { version: template.version })}</Typography>
            {versions.isLoading && <Typography textColor="neutral600">{t('email-notifications.templateForm.versions.loading')}</Typography>}
            {versions.data?.length === 0 && <Typography textColor="neutral600">{t('email-notifications.templateForm.versions.none')}</Typography>}
            {versions.data && versions.data.length > 0 && (
              <Table colCount={4} rowCount={versions.data.length + 1}>
                <ColumnHeadings columns={COLUMNS} actions="email-notifications.templates.column.actions" />
                <Tbody>
                  {versions.data.map((entry) => (
                    <Tr key={entry.version} data-testid="template-version-row">
                      <Td>
                        <Typography textColor="neutral800">{t('email-notifications.templateForm.versions.version', { version: entry.version })}</Typography>
                      </Td>
                      <Td>
                        <Typography textColor="neutral800">{entry.savedBy ?? EMPTY}</Typography>
                      </Td>
                      <Td>
                        <Typography textColor="neutral800">{format.dateTime(entry.createdAt)}</Typography>
                      </Td>
                      <Td>
                        <Flex gap={2} justifyContent="flex-end">
                          <Button variant={shown === entry.version ? 'secondary' : 'tertiary'} size="S" onClick={() => setShown(entry.version)}>
                            {t('email-notifications.templateForm.versions.showDiff')}
                          </Button>
                          {canUpdate && (
                            <Button variant="tertiary" size="S" loading={restore.isLoading && restore.variables?.version === entry.version} onClick={() => restoreVersion(entry.version)}>
                              {t('email-notifications.templateForm.versions.restore')}
                            </Button>
                          )}
                        </Flex>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            )}
            {shown !== null && (
              <Box>
                <Typography variant="sigma" textColor="neutral600" tag="h3">
                  {t('email-notifications.templateForm.versions.diffTitle', { version: shown, current: template.version })}
                </Typography>
                <Box paddingTop={2}>{diff.data ? <DiffView patch={diff.data.patch} /> : diff.error ? toApiProblem(diff.error).message : null}</Box>
              </Box>
            )}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('email-notifications.action.close')}</Button>
          </Modal.Close>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
