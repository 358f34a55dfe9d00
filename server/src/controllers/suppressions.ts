/* HTTP handlers for the suppression list (addresses held after hard bounces and opt-outs): list, release one address, release many; thin. */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../services/get-service';
import { respond } from './respond';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const suppressions = () => getService(strapi, 'suppressions');
  return {
    find: (ctx: Context) => respond(ctx, () => suppressions().list(ctx.query)),
    releaseMany: (ctx: Context) => respond(ctx, () => suppressions().releaseMany(ctx.request.body)),
    release: (ctx: Context) => respond(ctx, () => suppressions().release(ctx.params.address)),
  };
};
