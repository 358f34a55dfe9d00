/* HTTP handlers for the DNS checks and a mailbox's DKIM keys; thin: parse params, call the service. */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../services/get-service';
import { respond } from './respond';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService(strapi, 'deliverability');
  const body = (ctx: Context) => (ctx.request as unknown as { body?: unknown }).body;

  return {
    guide: (ctx: Context) => respond(ctx, () => service().guide()),
    check: (ctx: Context) => respond(ctx, () => service().checkDomain({ ...ctx.query })),
    checkMailbox: (ctx: Context) => respond(ctx, () => service().checkMailbox(ctx.params.id)),
    addDkimKey: (ctx: Context) => respond(ctx, () => service().addDkimKey(ctx.params.id, body(ctx)), 201),
    switchDkimKey: (ctx: Context) => respond(ctx, () => service().switchDkimKey(ctx.params.id, body(ctx))),
    retireDkimKey: (ctx: Context) => respond(ctx, () => service().retireDkimKey(ctx.params.id, body(ctx))),
    removeDkimKeys: (ctx: Context) => respond(ctx, () => service().removeDkimKeys(ctx.params.id)),
  };
};
