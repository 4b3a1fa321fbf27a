import type { Context } from 'koa';
import { unauthenticated } from '../errors';
import { verifiedIdentity } from './app-token';

export interface Caller {
  userId: string;
  roles: string[];
}

/**
 * The verified caller of a request: the identity headers the gateway set after verifying the
 * access token, believed only because the request carried the Dapr app token (app-token.ts). A
 * user id in a body or query is never trusted.
 */
export function callerOf(ctx: Context): Caller {
  const { userId, roles } = verifiedIdentity(ctx);
  if (!userId) throw unauthenticated();
  return { userId, roles: roles ?? [] };
}
