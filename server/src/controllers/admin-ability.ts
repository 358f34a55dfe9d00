/*
 * The signed-in admin's permissions (a CASL ability), which Strapi's admin authentication puts on the
 * request state. Read only here, at the edge: domain code gets the ability passed in.
 */
import type { Context } from 'koa';
import type { AdminAbility } from '../records/record-access';

export const adminAbility = (ctx: Context) => (ctx.state as { userAbility?: AdminAbility }).userAbility;
