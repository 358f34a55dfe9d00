/*
 * Entry of the Settings link "Email notifications > Mailboxes": the read permission guards every
 * screen below it (menu permissions only hide links), then the list and form routes.
 */
import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { MAILBOX_PERMISSIONS } from '../permissions';
import { MailboxEditPage } from './MailboxEditPage';
import { MailboxListPage } from './MailboxListPage';

const MailboxesSettings = () => (
  <Page.Protect permissions={MAILBOX_PERMISSIONS.read}>
    <Routes>
      <Route index element={<MailboxListPage />} />
      <Route path="new" element={<MailboxEditPage />} />
      <Route path=":id" element={<MailboxEditPage />} />
    </Routes>
  </Page.Protect>
);

export default MailboxesSettings;
