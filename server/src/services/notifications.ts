/*
 * The programmatic API for developers: `strapi.plugin('email-notifications').service('notifications')`.
 * send() and sendMany() queue mail and return at once; emit() fires custom-event rules;
 * registerRecipientResolver() and onAfterSend() hook code in. Thin: the work is in notifications/, rules/ and outbox/.
 */
import type { Core } from '@strapi/strapi';
import { getRuntime } from '../runtime';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { notifications, customEvents, outbox } = getRuntime(strapi);
  return {
    send: notifications.send,
    sendMany: notifications.sendMany,
    emit: customEvents.emit,
    registerRecipientResolver: customEvents.registerRecipientResolver,
    onAfterSend: outbox.onAfterSend,
  };
};
