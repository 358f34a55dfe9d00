/* The `mailboxes` service: mailbox CRUD and the Check / test-email tools, as the controller calls them. Thin: the work is in mailboxes/. */
import type { Core } from '@strapi/strapi';
import { getRuntime } from '../runtime';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { mailboxes, mailboxProbe } = getRuntime(strapi);
  return {
    list: mailboxes.list,
    findOne: mailboxes.findOne,
    create: mailboxes.create,
    update: mailboxes.update,
    remove: mailboxes.remove,
    verify: mailboxProbe.verify,
    sendTestEmail: mailboxProbe.sendTestEmail,
  };
};
