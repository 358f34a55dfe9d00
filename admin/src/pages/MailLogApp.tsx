/*
 * Entry of the main-menu link "Mail log": the messages.read permission guards every screen below it
 * (menu permissions only hide links), then the list and the detail routes.
 */
import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { MESSAGE_PERMISSIONS } from '../permissions';
import { MailLogPage } from './MailLogPage';
import { MessageDetailPage } from './MessageDetailPage';

const MailLogApp = () => (
  <Page.Protect permissions={MESSAGE_PERMISSIONS.read}>
    <Routes>
      <Route index element={<MailLogPage />} />
      <Route path=":id" element={<MessageDetailPage />} />
    </Routes>
  </Page.Protect>
);

export default MailLogApp;
