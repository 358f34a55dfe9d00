/* HTTP handlers of the OAuth2 sign-in; thin: parse params, call the service. The callback answers with a redirect, never JSON. */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../services/get-service';
import { respond } from './respond';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const oauth = () => getService(strapi, 'oauth');

  return {
    info: (ctx: Context) => respond(ctx, async () => oauth().info()),
    start: (ctx: Context) => respond(ctx, () => oauth().start(ctx.params.id, (ctx.state as { user: { id: number } }).user.id)),
    async callback(ctx: Context) {
      ctx.redirect(await oauth().callback(ctx.query));
    },
  };
};
