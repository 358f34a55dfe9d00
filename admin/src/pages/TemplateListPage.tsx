/*
 * Settings > Email notifications > Templates: the list of templates with create, import, export all,
 * edit and delete (with a confirmation; built-ins cannot be deleted). Server refusals become
 * notifications carrying the server's message.
 */
import * as React from 'react';
import { Dialog, EmptyStateLayout, Flex, LinkButton } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { ConfirmDialog, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import { toApiProblem } from '../api/api-error';
import { useDeleteTemplate, useTemplates } from '../api/template-queries';
import type { Template } from '../api/template-types';
import { TemplateFileActions } from '../components/template-list/TemplateFileActions';
import { TemplateTable } from '../components/template-list/TemplateTable';
import { useTemplatePermissions } from '../hooks/use-template-permissions';
import { useT } from '../utils/use-t';

export const TemplateListPage = () => {
  const t = useT();
  const templates = useTemplates();
  const { canUpdate, isLoading: isLoadingPermissions } = useTemplatePermissions();
  const remove = useDeleteTemplate();
  const { toggleNotification } = useNotification();
  const [toDelete, setToDelete] = React.useState<Template | null>(null);

  if (templates.isLoading || isLoadingPermissions) return <Page.Loading />;
  // A failed refresh keeps the last list on screen; only a list never loaded is an error page.
  if (!templates.data) return <Page.Error />;

  const confirmDelete = async () => {
    const template = toDelete!;
    setToDelete(null);
    try {
      await remove.mutateAsync(template.id);
      toggleNotification({ type: 'success', message: t('email-notifications.templates.notification.deleted', { name: template.name }) });
    } catch (failure) {
      toggleNotification({ type: 'danger', message: toApiProblem(failure).message });
    }
  };

  const createButton = (variant: 'default' | 'secondary') =>
    canUpdate && (
      <LinkButton tag={NavLink} to="new" variant={variant} startIcon={<Plus />} size="S">
        {t('email-notifications.templates.create')}
      </LinkButton>
    );

  return (
    <Page.Main>
      <Page.Title>{t('email-notifications.page.title', { name: t('email-notifications.templates.title') })}</Page.Title>
      <Layouts.Header
        title={t('email-notifications.templates.title')}
        subtitle={t('email-notifications.templates.subtitle')}
        primaryAction={
          <Flex gap={2}>
            <TemplateFileActions canUpdate={canUpdate} />
            {createButton('default')}
          </Flex>
        }
      />
      <Layouts.Content>
        {templates.data.length > 0 ? (
          <TemplateTable templates={templates.data} canUpdate={canUpdate} onDelete={setToDelete} />
        ) : (
          <EmptyStateLayout icon={<EmptyDocuments width="16rem" />} content={t('email-notifications.templates.empty')} action={createButton('secondary')} />
        )}
      </Layouts.Content>
      <Dialog.Root open={toDelete !== null} onOpenChange={(open) => !open && setToDelete(null)}>
        <ConfirmDialog onConfirm={confirmDelete}>{toDelete ? t('email-notifications.templates.deleteConfirm', { name: toDelete.name }) : ''}</ConfirmDialog>
      </Dialog.Root>
    </Page.Main>
  );
};
