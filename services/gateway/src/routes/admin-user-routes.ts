import {
  adminUserQuerySchema,
  auditLogQuerySchema,
  banBodySchema,
  rolesBodySchema,
  userIdParamsSchema,
} from '@gomall/contracts';
import { parseInput } from '@gomall/kit';
import Router from '@koa/router';
import type { AuthClient } from '../clients/auth-client';
import type { UserClient } from '../clients/user-client';
import { requireRole } from './guards';

/**
 * Admin tools on users (401 without a token, 403 without the admin role). The user service owns
 * the accounts and the audit log; the auth service makes a ban and a role change reach tokens
 * already issued. Each runs after the user service's change, so a retried call finishes the job.
 */
export function adminUserRoutes(users: UserClient, auth: AuthClient): Router {
  const router = new Router();
  const admin = requireRole('admin');

  router.get('/admin/users', admin, async (ctx) => {
    ctx.body = await users.searchUsers(parseInput(adminUserQuerySchema, ctx.query, 'query'));
  });

  router.get('/admin/users/:id', admin, async (ctx) => {
    const { id } = parseInput(userIdParamsSchema, ctx.params, 'params');
    ctx.body = await users.adminGet(id);
  });

  router.post('/admin/users/:id/ban', admin, async (ctx) => {
    const { id } = parseInput(userIdParamsSchema, ctx.params, 'params');
    const body = parseInput(banBodySchema, ctx.request.body, 'body');
    const user = await users.ban(id, body);
    // Every login and every access token of the user ends now (also when the ban was already
    // there: a repeat after a failed revocation completes it).
    await auth.revokeUser(id);
    ctx.body = user;
  });

  router.post('/admin/users/:id/unban', admin, async (ctx) => {
    const { id } = parseInput(userIdParamsSchema, ctx.params, 'params');
    ctx.body = await users.unban(id);
  });

  router.put('/admin/users/:id/roles', admin, async (ctx) => {
    const { id } = parseInput(userIdParamsSchema, ctx.params, 'params');
    const user = await users.setRoles(id, parseInput(rolesBodySchema, ctx.request.body, 'body'));
    // The user's next request acts with these roles, whatever its token still claims.
    await auth.rolesChanged(id, user.roles);
    ctx.body = user;
  });

  router.get('/admin/audit-log', admin, async (ctx) => {
    ctx.body = await users.auditLog(parseInput(auditLogQuerySchema, ctx.query, 'query'));
  });

  return router;
}
