/*
 * The editor's actions on a saved template: Versions (dialog), Export (downloads the .mjml and .json),
 * Restore default (built-ins, after a confirmation) and Delete (not built-ins, after a confirmation).
 * Results reach the editor through onRestored / the navigation back to the list.
 */
import * as React from 'react';
import { Button, Dialog } from '@strapi/design-system';
import { ArrowClockwise, ClockCounterClockwise, Download, Trash } from '@strapi/icons';
import { ConfirmDialog, useNotification } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import { toApiProblem } from '../../api/api-error';
import { useDeleteTemplate, useExportTemplates, useRestoreTemplate } from '../../api/template-queries';
import type { Template } from '../../api/template-types';
import { downloadFiles } from '../../utils/template-files';
import { useT } from '../../utils/use-t';
import { VersionsModal } from './VersionsModal';

interface TemplateActionsProps {
  template: Template;
  canUpdate: boolean;
  onRestored: (template: Template) => void;
}

type Open = 'versions' | 'restoreDefault' | 'delete' | null;

export const TemplateActions = ({ template, canUpdate, onRestored }: TemplateActionsProps) => {
  const t = useT();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const exportTemplates = useExportTemplates();
  const restore = useRestoreTemplate();
  const remove = useDeleteTemplate();
  const [open, setOpen] = React.useState<Open>(null);

  const failed = (error: unknown) => toggleNotification({ type: 'danger', message: toApiProblem(error).message });

  const exportFiles = async () => {
    try {
      downloadFiles(await exportTemplates(template.id));
    } catch (error) {
      failed(error);
    }
  };

  const restoreDefault = async () => {
    setOpen(null);
    try {
      const restored = await restore.mutateAsync({ id: template.id });
      toggleNotification({ type: 'success', message: t('email-notifications.templateForm.notification.defaultRestored') });
      onRestored(restored);
    } catch (error) {
      failed(error);
    }
  };

  const deleteTemplate = async () => {
    setOpen(null);
    try {
      await remove.mutateAsync(template.id);
      toggleNotification({ type: 'success', message: t('email-notifications.templates.notification.deleted', { name: template.name }) });
      navigate('..', { relative: 'path' });
    } catch (error) {
      failed(error);
    }
  };

  return (
    <>
      <Button variant="tertiary" size="S" startIcon={<ClockCounterClockwise />} onClick={() => setOpen('versions')}>
        {t('email-notifications.templateForm.action.versions')}
      </Button>
      <Button variant="tertiary" size="S" startIcon={<Download />} onClick={exportFiles}>
        {t('email-notifications.templateForm.action.export')}
      </Button>
      {canUpdate && template.builtIn && (
        <Button variant="tertiary" size="S" startIcon={<ArrowClockwise />} loading={restore.isLoading} onClick={() => setOpen('restoreDefault')}>
          {t('email-notifications.templateForm.action.restoreDefault')}
        </Button>
      )}
      {canUpdate && !template.builtIn && (
        <Button variant="danger-light" size="S" startIcon={<Trash />} loading={remove.isLoading} onClick={() => setOpen('delete')}>
          {t('email-notifications.templateForm.action.delete')}
        </Button>
      )}
      {open === 'versions' && <VersionsModal template={template} canUpdate={canUpdate} onRestored={onRestored} onClose={() => setOpen(null)} />}
      <Dialog.Root open={open === 'restoreDefault' || open === 'delete'} onOpenChange={(isOpen) => !isOpen && setOpen(null)}>
        <ConfirmDialog onConfirm={open === 'delete' ? deleteTemplate : restoreDefault}>
          {open === 'delete'
            ? t('email-notifications.templates.deleteConfirm', { name: template.name })
            : t('email-notifications.templateForm.restoreDefaultConfirm', { name: template.name })}
        </ConfirmDialog>
      </Dialog.Root>
    </>
  );
};
