/* HTTP handlers for mailboxes and their debugging tools; thin: parse params, call the service. */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { PLUGIN_ID } from '../config/plugin-config';
import { respond } from './respond';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const mailboxes = () => strapi.plugin(PLUGIN_ID).service('mailboxes');
  const tools = () => strapi.plugin(PLUGIN_ID).service('smtpTools');
  const body = (ctx: Context) => (ctx.request as unknown as { body?: unknown }).body;

  return {
    find: (ctx: Context) => respond(ctx, () => mailboxes().list()),
    findOne: (ctx: Context) => respond(ctx, () => mailboxes().findOne(ctx.params.id)),
    create: (ctx: Context) => respond(ctx, () => mailboxes().create(body(ctx)), 201),
    update: (ctx: Context) => respond(ctx, () => mailboxes().update(ctx.params.id, body(ctx))),
    delete: (ctx: Context) => respond(ctx, () => mailboxes().remove(ctx.params.id)),
    verify: (ctx: Context) => respond(ctx, () => tools().verify(ctx.params.id, body(ctx))),
    verifyUnsaved: (ctx: Context) => respond(ctx, () => tools().verify(undefined, body(ctx))),
    testEmail: (ctx: Context) => respond(ctx, () => tools().sendTestEmail(body(ctx))),
  };
};
