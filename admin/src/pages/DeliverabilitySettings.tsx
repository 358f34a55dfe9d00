/*
 * Entry of the Settings link "Email notifications > Deliverability": the mailboxes.read permission
 * (the server guards the checks with it) protects the page.
 */
import { Page } from '@strapi/strapi/admin';
import { MAILBOX_PERMISSIONS } from '../permissions';
import { DeliverabilityPage } from './DeliverabilityPage';

const DeliverabilitySettings = () => (
  <Page.Protect permissions={MAILBOX_PERMISSIONS.read}>
    <DeliverabilityPage />
  </Page.Protect>
);

export default DeliverabilitySettings;
