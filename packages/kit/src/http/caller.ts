import type { Context } from 'koa';
import { unauthenticated } from '../errors';
import { USER_ID_HEADER, USER_ROLES_HEADER } from './request-id';

export interface Caller {
  userId: string;
  roles: string[];
}

/**
 * The verified caller of a request. Only the gateway sets these headers, after verifying the
 * access token; a user id in a body or query is never trusted (and Dapr access control keeps
 * anyone but the mall's own services from invoking a service).
 */
export function callerOf(ctx: Context): Caller {
  const userId = ctx.get(USER_ID_HEADER);
  if (!userId) throw unauthenticated();
  const roles = ctx.get(USER_ROLES_HEADER).split(',').filter(Boolean);
  return { userId, roles };
}
