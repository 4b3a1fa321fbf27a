import {
  currentRolesBodySchema,
  loginBodySchema,
  logoutOthersBodySchema,
  refreshBodySchema,
  sessionLogoutBodySchema,
  userIdParamsSchema,
} from '@gomall/contracts';
import { callerOf, forbidden, idempotencyKeyOf, parseInput } from '@gomall/kit';
import Router from '@koa/router';
import type { Context } from 'koa';
import type { Sessions } from '../domain/sessions';

/**
 * Invoked through Dapr by the gateway. Logout and revocation act for the verified caller only (and
 * are naturally idempotent); login and refresh replay a repeated Idempotency-Key.
 */
export function authRoutes(sessions: Sessions): Router {
  const router = new Router();

  router.post('/login', async (ctx) => {
    const { email, password } = parseInput(loginBodySchema, ctx.request.body, 'body');
    ctx.body = await sessions.login(email, password, idempotencyKeyOf(ctx));
  });

  router.post('/refresh', async (ctx) => {
    const body = parseInput(refreshBodySchema, ctx.request.body, 'body');
    ctx.body = await sessions.refresh(body.refreshToken, idempotencyKeyOf(ctx));
  });

  router.post('/logout', async (ctx) => {
    const { userId } = callerOf(ctx);
    const body = parseInput(sessionLogoutBodySchema, ctx.request.body, 'body');
    await sessions.logout(userId, body.sessionId, body.refreshToken);
    ctx.status = 204;
  });

  router.post('/logout-others', async (ctx) => {
    const { userId } = callerOf(ctx);
    const body = parseInput(logoutOthersBodySchema, ctx.request.body, 'body');
    await sessions.logoutOthers(userId, body.sessionId);
    ctx.status = 204;
  });

  router.post('/revoke-user', async (ctx) => {
    await sessions.revokeUser(callerOf(ctx).userId);
    ctx.status = 204;
  });

  // Admin actions on another user (a ban, a role change; the user service checked and recorded
  // them first). The gateway checks the role too; this service does not rely on it.
  router.post('/admin/users/:id/revoke', async (ctx) => {
    requireAdmin(ctx);
    const { id } = parseInput(userIdParamsSchema, ctx.params, 'params');
    await sessions.revokeUser(id);
    ctx.status = 204;
  });

  router.put('/admin/users/:id/roles', async (ctx) => {
    requireAdmin(ctx);
    const { id } = parseInput(userIdParamsSchema, ctx.params, 'params');
    const { roles } = parseInput(currentRolesBodySchema, ctx.request.body, 'body');
    await sessions.rolesChanged(id, roles);
    ctx.status = 204;
  });

  return router;
}

function requireAdmin(ctx: Context): void {
  if (!callerOf(ctx).roles.includes('admin')) throw forbidden('Needs the admin role');
}
