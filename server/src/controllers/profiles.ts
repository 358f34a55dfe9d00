/* HTTP handlers for the signed-in admin's own notification profile; thin. */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { SMTP_EVENTS_CATEGORY } from '../core/events/alert-context';
import { ACTIONS } from '../permissions';
import { getService } from '../services/get-service';
import { adminAbility } from './admin-ability';
import { respond } from './respond';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const profiles = () => getService(strapi, 'profiles');
  const user = (ctx: Context) => (ctx.state as { user: { id: number; email: string } }).user;
  // SMTP alerts are for system administrators: only admins who may read SMTP events are offered them.
  const extra = (ctx: Context) => (adminAbility(ctx)?.can(ACTIONS.eventsRead) ? [SMTP_EVENTS_CATEGORY] : []);
  return {
    findMine: (ctx: Context) => respond(ctx, () => profiles().get(user(ctx), extra(ctx))),
    updateMine: (ctx: Context) => respond(ctx, () => profiles().update(user(ctx), (ctx.request as unknown as { body?: unknown }).body, extra(ctx))),
  };
};
