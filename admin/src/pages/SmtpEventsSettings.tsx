/*
 * Entry of the Settings link "Email notifications > SMTP events": the events.read permission protects
 * every screen below it, then the routes (list, new rule, one rule). A just-made web-hook secret is
 * held here, above the routes, so its modal survives the move from "new" to the saved rule.
 */
import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { WebhookSecretProvider } from '../components/event-rule-form/WebhookSecretProvider';
import { EVENT_PERMISSIONS } from '../permissions';
import { SmtpEventsEditPage } from './SmtpEventsEditPage';
import { SmtpEventsListPage } from './SmtpEventsListPage';

const SmtpEventsSettings = () => (
  <Page.Protect permissions={EVENT_PERMISSIONS.read}>
    <WebhookSecretProvider>
      <Routes>
        <Route index element={<SmtpEventsListPage />} />
        <Route path="new" element={<SmtpEventsEditPage />} />
        <Route path=":id" element={<SmtpEventsEditPage />} />
      </Routes>
    </WebhookSecretProvider>
  </Page.Protect>
);

export default SmtpEventsSettings;
