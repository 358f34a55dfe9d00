/* HTTP handlers for notification rules; thin: parse params, call the service. */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../services/get-service';
import { adminAbility } from './admin-ability';
import { respond } from './respond';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rules = () => getService(strapi, 'rules');
  const body = (ctx: Context) => (ctx.request as unknown as { body?: unknown }).body;
  return {
    find: (ctx: Context) => respond(ctx, () => rules().list()),
    findOne: (ctx: Context) => respond(ctx, () => rules().findOne(ctx.params.id)),
    create: (ctx: Context) => respond(ctx, () => rules().create(body(ctx)), 201),
    update: (ctx: Context) => respond(ctx, () => rules().update(ctx.params.id, body(ctx))),
    delete: (ctx: Context) => respond(ctx, () => rules().remove(ctx.params.id)),
    dryRun: (ctx: Context) => respond(ctx, () => rules().dryRun(ctx.params.id, body(ctx), adminAbility(ctx))),
    runNow: (ctx: Context) => respond(ctx, () => rules().runNow(ctx.params.id)),
    meta: (ctx: Context) => respond(ctx, async () => rules().meta()),
  };
};
