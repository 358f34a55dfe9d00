/* HTTP handlers for mailboxes and their debugging tools; thin: parse params, call the service. */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../services/get-service';
import { respond } from './respond';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const mailboxes = () => getService(strapi, 'mailboxes');
  const body = (ctx: Context) => (ctx.request as unknown as { body?: unknown }).body;

  return {
    find: (ctx: Context) => respond(ctx, () => mailboxes().list()),
    findOne: (ctx: Context) => respond(ctx, () => mailboxes().findOne(ctx.params.id)),
    create: (ctx: Context) => respond(ctx, () => mailboxes().create(body(ctx)), 201),
    update: (ctx: Context) => respond(ctx, () => mailboxes().update(ctx.params.id, body(ctx))),
    delete: (ctx: Context) => respond(ctx, () => mailboxes().remove(ctx.params.id)),
    verify: (ctx: Context) => respond(ctx, () => mailboxes().verify(ctx.params.id, body(ctx))),
    verifyUnsaved: (ctx: Context) => respond(ctx, () => mailboxes().verify(undefined, body(ctx))),
    testEmail: (ctx: Context) => respond(ctx, () => mailboxes().sendTestEmail(body(ctx))),
  };
};
