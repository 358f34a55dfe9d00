/*
 * The public unsubscribe link (content API, no login): GET shows the confirmation page and records
 * nothing; POST is the one-click (RFC 8058) and records the opt-out. A bad token answers 400 (an HTML
 * page for a browser, the JSON error otherwise). Thin: the token and the record are the service's.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { PluginError } from '../core/errors';
import { confirmationPage, donePage, refusedPage } from '../core/rules/unsubscribe-page';
import { getService } from '../services/get-service';
import { respond } from './respond';

function html(ctx: Context, status: number, body: string) {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  // The page must not be cached by a proxy (it names the address) nor framed.
  ctx.set('Cache-Control', 'no-store');
  ctx.set('X-Frame-Options', 'DENY');
  ctx.body = body;
}

/** Runs the action; a refused token becomes the HTML refusal page. */
async function asPage(ctx: Context, action: () => Promise<string>) {
  try {
    html(ctx, 200, await action());
  } catch (error) {
    if (!(error instanceof PluginError) || error.code !== 'INVALID_INPUT') throw error;
    html(ctx, 400, refusedPage(error.message));
  }
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const unsubscribe = () => getService(strapi, 'unsubscribe');
  return {
    show: (ctx: Context) =>
      asPage(ctx, async () => {
        const { address, label } = await unsubscribe().describe(ctx.params.token);
        return confirmationPage(address, label);
      }),
    confirm: (ctx: Context) => {
      if (ctx.accepts('json', 'html') === 'html') {
        return asPage(ctx, async () => {
          const { address, label } = await unsubscribe().confirm(ctx.params.token, new Date());
          return donePage(address, label);
        });
      }
      return respond(ctx, async () => {
        const { address, label } = await unsubscribe().confirm(ctx.params.token, new Date());
        return { unsubscribed: true, address, from: label };
      });
    },
  };
};
