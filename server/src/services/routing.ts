/* The `routing` service: the routing dry run (which mailbox would send, and why), as the controller calls it. Thin: the work is in outbox/route-preview. */
import type { Core } from '@strapi/strapi';
import { getRuntime } from '../runtime';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  dryRun: (body: unknown) => getRuntime(strapi).routePreview.dryRun(body),
});
