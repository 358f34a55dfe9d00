/*
 * The programmatic API for developers: `strapi.plugin('email-notifications').service('notifications')`.
 * send() and sendMany() queue mail and return at once; emit() fires custom-event rules;
 * registerRecipientResolver(), registerEventProvider() and onAfterSend() hook code in. Thin: the work is in notifications/, rules/ and outbox/.
 */
import type { Core } from '@strapi/strapi';
import { getRuntime } from '../runtime';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { notifications, customEvents, outbox, smtpEvents } = getRuntime(strapi);
  return {
    send: notifications.send,
    sendMany: notifications.sendMany,
    emit: customEvents.emit,
    registerRecipientResolver: customEvents.registerRecipientResolver,
    onAfterSend: outbox.onAfterSend,
    /** Names a handler SMTP event rules can call (`{ "type": "provider", "name": … }`); register in your app's bootstrap(). */
    registerEventProvider: smtpEvents.providers.register,
  };
};
