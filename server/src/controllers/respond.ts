/*
 * Runs a controller action and turns plugin errors into Strapi-shaped HTTP errors:
 * InputError -> 400 (with the fields), ForbiddenError -> 403, NotFoundError -> 404, ConflictError -> 409,
 * one status per error code. Anything else is rethrown to Strapi (which logs it and answers 500): a bug,
 * not bad input.
 */
import type { Context } from 'koa';
import { PluginError, type ErrorCode } from '../core/errors';

const STATUS: Record<ErrorCode, { status: number; name: string }> = {
  INVALID_INPUT: { status: 400, name: 'ValidationError' },
  INVALID_CONFIG: { status: 500, name: 'ConfigurationError' },
  FORBIDDEN: { status: 403, name: 'ForbiddenError' },
  NOT_FOUND: { status: 404, name: 'NotFoundError' },
  CONFLICT: { status: 409, name: 'ConflictError' },
  SECRET_KEY_MISSING: { status: 500, name: 'ConfigurationError' },
  SECRET_UNREADABLE: { status: 409, name: 'SecretUnreadableError' },
  MAILBOX_UNUSABLE: { status: 400, name: 'ValidationError' },
  MESSAGE_TOO_LARGE: { status: 422, name: 'ValidationError' },
  READ_ONLY: { status: 409, name: 'ReadOnlyError' },
};

export async function respond(ctx: Context, action: () => Promise<unknown>, successStatus = 200): Promise<void> {
  await respondWithBody(ctx, async () => {
    const data = await action();
    return data === undefined ? undefined : { data };
  }, successStatus);
}

/** Like respond(), for APIs whose body is not `{ data }` (`{ results, pagination }`, `{ data, webhookSecret }`). */
export async function respondWithBody(ctx: Context, action: () => Promise<unknown>, successStatus = 200): Promise<void> {
  try {
    const body = await action();
    ctx.status = body === undefined ? 204 : successStatus;
    if (body !== undefined) ctx.body = body;
  } catch (error) {
    if (!(error instanceof PluginError)) throw error;
    const mapped = STATUS[error.code];
    ctx.status = mapped.status;
    ctx.body = {
      data: null,
      error: {
        status: mapped.status,
        name: mapped.name,
        code: error.code,
        message: error.message,
        details: { errors: error.problems.map((p) => ({ path: p.path ? p.path.split('.') : [], message: p.message })) },
      },
    };
  }
}
