/*
 * Entry of the Settings link "Email notifications > Templates": the templates.read permission protects
 * every screen below it (menu permissions only hide links), then the list, new and edit routes.
 */
import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { TEMPLATE_PERMISSIONS } from '../permissions';
import { TemplateEditPage } from './TemplateEditPage';
import { TemplateListPage } from './TemplateListPage';

const TemplatesSettings = () => (
  <Page.Protect permissions={TEMPLATE_PERMISSIONS.read}>
    <Routes>
      <Route index element={<TemplateListPage />} />
      <Route path="new" element={<TemplateEditPage />} />
      <Route path=":id" element={<TemplateEditPage />} />
    </Routes>
  </Page.Protect>
);

export default TemplatesSettings;
