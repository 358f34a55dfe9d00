/* HTTP handlers for the signed-in admin's own notification profile; thin. */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../services/get-service';
import { respond } from './respond';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const profiles = () => getService(strapi, 'profiles');
  const user = (ctx: Context) => (ctx.state as { user: { id: number; email: string } }).user;
  return {
    findMine: (ctx: Context) => respond(ctx, () => profiles().get(user(ctx))),
    updateMine: (ctx: Context) => respond(ctx, () => profiles().update(user(ctx), (ctx.request as unknown as { body?: unknown }).body)),
  };
};
