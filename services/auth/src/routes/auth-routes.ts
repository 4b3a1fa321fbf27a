import { callerOf, forbidden, idempotencyKeyOf, parseInput } from '@gomall/kit';
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import type { Sessions } from '../domain/sessions';

const loginBody = z.strictObject({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(1024),
});
const refreshToken = z.string().min(1).max(512);
const refreshBody = z.strictObject({ refreshToken });
const logoutOthersBody = z.strictObject({ sessionId: z.string().min(1).max(64) });
const userIdParams = z.object({ id: z.string().min(1).max(64) });
const rolesBody = z.strictObject({
  roles: z.array(z.string().regex(/^[a-z][a-z0-9-]{0,31}$/)).max(16),
});
const logoutBody = z.strictObject({
  sessionId: z.string().min(1).max(64),
  refreshToken: refreshToken.optional(),
});

/**
 * Invoked through Dapr by the gateway. Logout and revocation act for the verified caller only (and
 * are naturally idempotent); login and refresh replay a repeated Idempotency-Key.
 */
export function authRoutes(sessions: Sessions): Router {
  const router = new Router();

  router.post('/login', async (ctx) => {
    const { email, password } = parseInput(loginBody, ctx.request.body, 'body');
    ctx.body = await sessions.login(email, password, idempotencyKeyOf(ctx));
  });

  router.post('/refresh', async (ctx) => {
    const body = parseInput(refreshBody, ctx.request.body, 'body');
    ctx.body = await sessions.refresh(body.refreshToken, idempotencyKeyOf(ctx));
  });

  router.post('/logout', async (ctx) => {
    const { userId } = callerOf(ctx);
    const body = parseInput(logoutBody, ctx.request.body, 'body');
    await sessions.logout(userId, body.sessionId, body.refreshToken);
    ctx.status = 204;
  });

  router.post('/logout-others', async (ctx) => {
    const { userId } = callerOf(ctx);
    const body = parseInput(logoutOthersBody, ctx.request.body, 'body');
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
    const { id } = parseInput(userIdParams, ctx.params, 'params');
    await sessions.revokeUser(id);
    ctx.status = 204;
  });

  router.put('/admin/users/:id/roles', async (ctx) => {
    requireAdmin(ctx);
    const { id } = parseInput(userIdParams, ctx.params, 'params');
    const { roles } = parseInput(rolesBody, ctx.request.body, 'body');
    await sessions.rolesChanged(id, roles);
    ctx.status = 204;
  });

  return router;
}

function requireAdmin(ctx: Context): void {
  if (!callerOf(ctx).roles.includes('admin')) throw forbidden('Needs the admin role');
}
