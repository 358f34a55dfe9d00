/* HTTP handlers for the mail log's messages and the outbox health; thin: parse params, call the service. */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../services/get-service';
import { respond } from './respond';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const messages = () => getService(strapi, 'messages');
  const adminEmail = (ctx: Context) => (ctx.state as { user?: { email?: string } }).user?.email;

  return {
    find: (ctx: Context) => respond(ctx, () => messages().list(ctx.query)),
    findOne: (ctx: Context) => respond(ctx, () => messages().findOne(ctx.params.id)),
    retry: (ctx: Context) => respond(ctx, () => messages().retry(ctx.params.id, adminEmail(ctx))),
    cancel: (ctx: Context) => respond(ctx, () => messages().cancel(ctx.params.id, adminEmail(ctx))),
    delete: (ctx: Context) => respond(ctx, () => messages().remove(ctx.params.id)),
    health: (ctx: Context) => respond(ctx, () => messages().health()),
    stats: (ctx: Context) => respond(ctx, () => messages().stats(ctx.query)),
  };
};
