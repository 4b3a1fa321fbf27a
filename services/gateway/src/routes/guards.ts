import { forbidden, unauthenticated } from '@gomall/kit';
import type { Context, Middleware } from 'koa';

/** The caller as the gateway's authentication middleware verified it from the access token. */
export interface AuthenticatedUser {
  id: string;
  roles: string[];
}

export function userOf(ctx: Context): AuthenticatedUser {
  const user = (ctx.state as { user?: AuthenticatedUser }).user;
  if (!user) throw unauthenticated();
  return user;
}

/** Routes behind it need a valid access token (401 otherwise). */
export const requireUser = (): Middleware => async (ctx, next) => {
  userOf(ctx);
  await next();
};

/** Routes behind it need a valid token with the role (401 without a token, 403 without the role). */
export const requireRole =
  (role: string): Middleware =>
  async (ctx, next) => {
    if (!userOf(ctx).roles.includes(role)) throw forbidden(`Needs the ${role} role`);
    await next();
  };
