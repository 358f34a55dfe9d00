/* HTTP handlers for SMTP event rules; thin: parse params, call the service. Bodies follow the API contract (`{ results }`, `{ data, webhookSecret? }`, …). */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../services/get-service';
import { respondWithBody } from './respond';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rules = () => getService(strapi, 'smtpEventRules');
  const body = (ctx: Context) => (ctx.request as unknown as { body?: unknown }).body;
  return {
    find: (ctx: Context) => respondWithBody(ctx, () => rules().list()),
    meta: (ctx: Context) => respondWithBody(ctx, async () => rules().meta()),
    findOne: (ctx: Context) => respondWithBody(ctx, () => rules().findOne(ctx.params.id)),
    create: (ctx: Context) => respondWithBody(ctx, () => rules().create(body(ctx)), 201),
    update: (ctx: Context) => respondWithBody(ctx, () => rules().update(ctx.params.id, body(ctx))),
    delete: (ctx: Context) => respondWithBody(ctx, () => rules().remove(ctx.params.id)),
    test: (ctx: Context) => respondWithBody(ctx, () => rules().test(ctx.params.id, new Date())),
    rotateSecret: (ctx: Context) => respondWithBody(ctx, () => rules().rotateSecret(ctx.params.id)),
    history: (ctx: Context) => respondWithBody(ctx, () => rules().history(ctx.params.id, ctx.query as Record<string, unknown>)),
  };
};
