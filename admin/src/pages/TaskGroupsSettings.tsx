/*
 * Entry of the Settings link "Email notifications > Task groups": the mailboxes.read permission (the
 * server guards task groups with the mailbox actions) protects every screen below it, then the routes.
 */
import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { TASK_GROUP_PERMISSIONS } from '../permissions';
import { TaskGroupEditPage } from './TaskGroupEditPage';
import { TaskGroupListPage } from './TaskGroupListPage';

const TaskGroupsSettings = () => (
  <Page.Protect permissions={TASK_GROUP_PERMISSIONS.read}>
    <Routes>
      <Route index element={<TaskGroupListPage />} />
      <Route path="new" element={<TaskGroupEditPage />} />
      <Route path=":id" element={<TaskGroupEditPage />} />
    </Routes>
  </Page.Protect>
);

export default TaskGroupsSettings;
