/* HTTP handler for the routing dry run; thin: call the service, respond(). */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../services/get-service';
import { respond } from './respond';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  dryRun: (ctx: Context) => respond(ctx, () => getService(strapi, 'routing').dryRun((ctx.request as unknown as { body?: unknown }).body)),
});
