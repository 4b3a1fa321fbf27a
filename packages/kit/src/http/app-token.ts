import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Middleware } from 'koa';
import { currentContext } from '../context';
import { unauthenticated } from '../errors';
import { USER_ID_HEADER, USER_ROLES_HEADER } from './request-id';

/** The header daprd sets on every call to its app when it runs with APP_API_TOKEN. */
const APP_TOKEN_HEADER = 'dapr-api-token';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Constant-time comparison: both sides are hashed first, so neither the content nor the length of
 * the expected token leaks through timing.
 */
function tokenMatches(given: string, expected: Buffer): boolean {
  return timingSafeEqual(digest(given), expected);
}

/**
 * Refuses every request that does not carry the app's Dapr app token (401, the error envelope),
 * so only the app's own sidecar can call it: a process that reaches the port directly is refused
 * whatever headers it forges. On a proven request the identity headers (set by the gateway after
 * verifying an access token) become the request's caller.
 */
export function appTokenGuard(token: string): Middleware {
  const expected = digest(token);
  return async (ctx, next) => {
    const given = ctx.get(APP_TOKEN_HEADER);
    if (given === '' || !tokenMatches(given, expected)) {
      throw unauthenticated('Only the Dapr sidecar may call this service');
    }
    const userId = ctx.get(USER_ID_HEADER) || undefined;
    const rolesHeader = ctx.get(USER_ROLES_HEADER);
    const roles = rolesHeader ? rolesHeader.split(',').filter(Boolean) : undefined;
    (ctx.state as { caller?: VerifiedIdentity }).caller = { userId, roles };
    const context = currentContext();
    if (context) {
      context.userId = userId;
      context.roles = roles;
    }
    await next();
  };
}

/** The identity headers of a request that proved it came through the sidecar. */
export interface VerifiedIdentity {
  userId?: string;
  roles?: string[];
}

export const verifiedIdentity = (ctx: Context): VerifiedIdentity =>
  (ctx.state as { caller?: VerifiedIdentity }).caller ?? {};
