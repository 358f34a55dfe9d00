/*
 * Route of the template editor: `new` for a new template, `:id` for a saved one. Loads the template,
 * the list (for the layouts it may use) and the permissions, then hands them to TemplateEditor; a
 * fresh editor per id, so no state leaks between templates.
 */
import { Page } from '@strapi/strapi/admin';
import { useParams } from 'react-router-dom';
import { useTemplate, useTemplates } from '../api/template-queries';
import { TemplateEditor } from '../components/template-form/TemplateEditor';
import { useTemplatePermissions } from '../hooks/use-template-permissions';

export const TemplateEditPage = () => {
  const { id } = useParams<{ id: string }>();
  const template = useTemplate(id);
  const templates = useTemplates();
  // Known before the form renders, so inputs never flash disabled while permissions load.
  const { canUpdate, isLoading: isLoadingPermissions } = useTemplatePermissions();

  if (template.isLoading || templates.isLoading || isLoadingPermissions) return <Page.Loading />;
  if ((id && !template.data) || !templates.data) return <Page.Error />;
  const layouts = templates.data.filter((t) => t.category === 'layout' && t.id !== id).map((t) => t.name);
  return <TemplateEditor key={id ?? 'new'} template={template.data} layouts={[...new Set(layouts)]} canUpdate={canUpdate} />;
};
