/* HTTP handlers for templates; thin. The admin's email is recorded as the author of each save. */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { InputError } from '../core/errors';
import { getService } from '../services/get-service';
import { adminAbility } from './admin-ability';
import { respond } from './respond';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const templates = () => getService(strapi, 'templates');
  const body = (ctx: Context) => (ctx.request as unknown as { body?: unknown }).body;
  const user = (ctx: Context) => ((ctx.state as { user?: { email?: string } }).user?.email ?? null) as string | null;
  const version = (ctx: Context) => {
    const value = Number(ctx.params.version);
    if (!Number.isInteger(value) || value < 1) throw new InputError([{ path: 'version', message: 'must be a version number (1, 2, …)' }]);
    return value;
  };
  return {
    find: (ctx: Context) => respond(ctx, () => templates().list()),
    findOne: (ctx: Context) => respond(ctx, () => templates().findOne(ctx.params.id)),
    create: (ctx: Context) => respond(ctx, () => templates().create(body(ctx), user(ctx)), 201),
    update: (ctx: Context) => respond(ctx, () => templates().update(ctx.params.id, body(ctx), user(ctx))),
    delete: (ctx: Context) => respond(ctx, () => templates().remove(ctx.params.id)),
    versions: (ctx: Context) => respond(ctx, () => templates().versions(ctx.params.id)),
    diff: (ctx: Context) => respond(ctx, async () => templates().diff(ctx.params.id, version(ctx))),
    restoreVersion: (ctx: Context) => respond(ctx, async () => templates().restoreVersion(ctx.params.id, version(ctx), user(ctx))),
    restoreDefault: (ctx: Context) => respond(ctx, () => templates().restoreDefault(ctx.params.id, user(ctx))),
    exportOne: (ctx: Context) => respond(ctx, () => templates().exportTemplate(ctx.params.id)),
    exportAll: (ctx: Context) => respond(ctx, () => templates().exportAll()),
    importFiles: (ctx: Context) => respond(ctx, () => templates().importFiles(body(ctx), user(ctx))),
    preview: (ctx: Context) => respond(ctx, () => templates().preview(body(ctx), adminAbility(ctx))),
    variables: (ctx: Context) => respond(ctx, async () => templates().variables(ctx.query as { category?: string; contentType?: string })),
  };
};
