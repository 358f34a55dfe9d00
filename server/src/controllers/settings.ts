/* HTTP handlers for the admin-editable settings. */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { PLUGIN_ID } from '../config/plugin-config';
import { respond } from './respond';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => strapi.plugin(PLUGIN_ID).service('settings');
  return {
    get: (ctx: Context) => respond(ctx, () => settings().get()),
    update: (ctx: Context) => respond(ctx, () => settings().update((ctx.request as unknown as { body?: unknown }).body)),
  };
};
