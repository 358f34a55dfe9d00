/* HTTP handlers for the admin-editable settings. */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../services/get-service';
import { respond } from './respond';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => getService(strapi, 'settings');
  return {
    get: (ctx: Context) => respond(ctx, () => settings().get()),
    update: (ctx: Context) => respond(ctx, () => settings().update((ctx.request as unknown as { body?: unknown }).body)),
  };
};
