import { currentContext, USER_ID_HEADER, USER_ROLES_HEADER } from '@gomall/kit';
import type { Context, Middleware } from 'koa';
import type { AuthenticatedUser } from '../routes/guards';
import type { RevocationCheck } from './revocation-check';
import { bearerToken, type TokenVerifier } from './token-verifier';

/** The login an access token belongs to (logout ends it). */
export interface VerifiedSession {
  id: string;
  tokenId: string;
  expiresAt: number;
}

/**
 * Routes that never act for a signed-in user, where the Authorization header is not even read: a
 * client whose access token has just expired must still be able to refresh (or log in) with the
 * stale header still attached.
 */
const TOKENLESS_ROUTES = /^\/api\/v1\/auth\/(register|login|refresh)\/?$/;

/**
 * Turns `Authorization: Bearer …` into `ctx.state.user` (read by routes/guards.ts) and into the
 * request context, from which the kit's ServiceInvoker sends `x-gomall-user-id`/`-roles` to the
 * services. Identity headers sent by the client are dropped first: only a verified token speaks
 * for a user. A token that is present but invalid or revoked is a 401 on every other route.
 */
/** What authentication needs of the revocation check. */
export type ActiveRoles = Pick<RevocationCheck, 'activeRoles'>;

export function authenticate(verifier: TokenVerifier, revocations: ActiveRoles): Middleware {
  return async (ctx, next) => {
    // Deleted only when sent: a `delete` turns the headers object into a slow dictionary.
    const headers = ctx.req.headers;
    if (headers[USER_ID_HEADER] !== undefined) delete headers[USER_ID_HEADER];
    if (headers[USER_ROLES_HEADER] !== undefined) delete headers[USER_ROLES_HEADER];
    const context = currentContext();
    if (context) {
      context.userId = undefined;
      context.roles = undefined;
    }
    const header = ctx.get('authorization');
    if (header !== '' && !TOKENLESS_ROUTES.test(ctx.path)) {
      const claims = verifier.verify(bearerToken(header));
      // The roles of an admin's change since the token was issued win over its claim.
      const roles = await revocations.activeRoles(claims);
      const user: AuthenticatedUser = { id: claims.sub, roles };
      const session: VerifiedSession = {
        id: claims.sid,
        tokenId: claims.jti,
        expiresAt: claims.exp,
      };
      Object.assign(ctx.state, { user, session });
      if (context) {
        context.userId = user.id;
        context.roles = user.roles;
      }
    }
    await next();
  };
}

/** The verified session of a request behind requireUser(). */
export function sessionOf(ctx: Context): VerifiedSession {
  const session = (ctx.state as { session?: VerifiedSession }).session;
  if (!session) throw new Error('sessionOf() used on a route without requireUser()');
  return session;
}
