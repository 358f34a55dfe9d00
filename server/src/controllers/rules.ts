/* HTTP handlers for rules, notification profiles and the suppression list; thin. */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { PLUGIN_ID } from '../config/plugin-config';
import { respond } from './respond';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rules = () => strapi.plugin(PLUGIN_ID).service('rules');
  const profiles = () => strapi.plugin(PLUGIN_ID).service('profiles');
  const body = (ctx: Context) => (ctx.request as unknown as { body?: unknown }).body;
  const user = (ctx: Context) => (ctx.state as { user: { id: number; email: string } }).user;
  return {
    find: (ctx: Context) => respond(ctx, () => rules().list()),
    findOne: (ctx: Context) => respond(ctx, () => rules().findOne(ctx.params.id)),
    create: (ctx: Context) => respond(ctx, () => rules().create(body(ctx)), 201),
    update: (ctx: Context) => respond(ctx, () => rules().update(ctx.params.id, body(ctx))),
    delete: (ctx: Context) => respond(ctx, () => rules().remove(ctx.params.id)),
    dryRun: (ctx: Context) => respond(ctx, () => rules().dryRun(ctx.params.id, body(ctx))),
    runNow: (ctx: Context) => respond(ctx, () => rules().runNow(ctx.params.id)),
    meta: (ctx: Context) => respond(ctx, async () => rules().meta()),
    suppressions: (ctx: Context) => respond(ctx, () => rules().suppressions()),
    releaseSuppression: (ctx: Context) => respond(ctx, () => rules().releaseSuppression(ctx.params.address)),
    myProfile: (ctx: Context) => respond(ctx, () => profiles().get(user(ctx))),
    updateMyProfile: (ctx: Context) => respond(ctx, () => profiles().update(user(ctx), body(ctx))),
  };
};
