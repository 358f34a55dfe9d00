/* The `smtpEventRules` service: SMTP event rules (CRUD, test event, web-hook secret, history) and idle() to wait until recorded events are handled. Thin: the work is in events/. */
import type { Core } from '@strapi/strapi';
import { getRuntime } from '../runtime';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { smtpEvents } = getRuntime(strapi);
  return { ...smtpEvents.catalog, idle: () => smtpEvents.recorder.idle() };
};
