/* The `deliverability` service: DNS checks of a domain or mailbox, and the DKIM key manager, as the controller calls them. Thin: the work is in deliverability/. */
import type { Core } from '@strapi/strapi';
import { getRuntime } from '../runtime';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { deliverability, dkimKeys } = getRuntime(strapi);
  return {
    guide: deliverability.guide,
    checkDomain: deliverability.checkDomain,
    checkMailbox: deliverability.checkMailbox,
    addDkimKey: dkimKeys.addKey,
    switchDkimKey: dkimKeys.switchKey,
    retireDkimKey: dkimKeys.retireKey,
    removeDkimKeys: dkimKeys.removeAll,
  };
};
