/* HTTP handlers for the mail log and outbox health; thin: parse params, call the service. */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { PLUGIN_ID } from '../config/plugin-config';
import { respond } from './respond';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const mailLog = () => strapi.plugin(PLUGIN_ID).service('mailLog');
  const adminEmail = (ctx: Context) => (ctx.state as { user?: { email?: string } }).user?.email;

  return {
    find: (ctx: Context) => respond(ctx, () => mailLog().list(ctx.query)),
    findOne: (ctx: Context) => respond(ctx, () => mailLog().findOne(ctx.params.id)),
    retry: (ctx: Context) => respond(ctx, () => mailLog().retry(ctx.params.id, adminEmail(ctx))),
    cancel: (ctx: Context) => respond(ctx, () => mailLog().cancel(ctx.params.id, adminEmail(ctx))),
    delete: (ctx: Context) => respond(ctx, () => mailLog().remove(ctx.params.id)),
    health: (ctx: Context) => respond(ctx, () => mailLog().health()),
  };
};
