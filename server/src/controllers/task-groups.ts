/* HTTP handlers for task groups; thin. */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../services/get-service';
import { respond } from './respond';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const groups = () => getService(strapi, 'taskGroups');
  const body = (ctx: Context) => (ctx.request as unknown as { body?: unknown }).body;
  return {
    find: (ctx: Context) => respond(ctx, () => groups().list()),
    findOne: (ctx: Context) => respond(ctx, () => groups().findOne(ctx.params.id)),
    create: (ctx: Context) => respond(ctx, () => groups().create(body(ctx)), 201),
    update: (ctx: Context) => respond(ctx, () => groups().update(ctx.params.id, body(ctx))),
    delete: (ctx: Context) => respond(ctx, () => groups().remove(ctx.params.id)),
  };
};
