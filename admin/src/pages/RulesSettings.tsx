/*
 * Entry of the Settings link "Email notifications > Rules": the rules.read permission protects every
 * screen below it, then the routes (list, new rule, one rule).
 */
import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { RULE_PERMISSIONS } from '../permissions';
import { RulesEditPage } from './RulesEditPage';
import { RulesListPage } from './RulesListPage';

const RulesSettings = () => (
  <Page.Protect permissions={RULE_PERMISSIONS.read}>
    <Routes>
      <Route index element={<RulesListPage />} />
      <Route path="new" element={<RulesEditPage />} />
      <Route path=":id" element={<RulesEditPage />} />
    </Routes>
  </Page.Protect>
);

export default RulesSettings;
