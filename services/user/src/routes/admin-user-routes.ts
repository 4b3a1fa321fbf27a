import {
  adminUserQuerySchema,
  auditLogQuerySchema,
  banBodySchema,
  reportedActionSchema,
  rolesBodySchema,
  userIdParamsSchema,
} from '@gomall/contracts';
import { callerOf, forbidden, parseInput } from '@gomall/kit';
import Router from '@koa/router';
import type { Context } from 'koa';
import type { AdminUsers } from '../domain/admin-users';
import { ROLES } from '../domain/users';

/** The gateway checks the role too; the service does not rely on it. Returns the admin's id. */
const requireAdmin = (ctx: Context): string => {
  const caller = callerOf(ctx);
  if (!caller.roles.includes(ROLES.admin)) throw forbidden('Needs the admin role');
  return caller.userId;
};

/**
 * Admin tools on users and the admin audit log (through the gateway's /api/v1/admin/users and
 * /api/v1/admin/audit-log). The acting admin is the verified caller, never an id in the request.
 */
export function adminUserRoutes(admin: AdminUsers): Router {
  const router = new Router({ prefix: '/admin' });

  router.get('/users', async (ctx) => {
    requireAdmin(ctx);
    ctx.body = await admin.search(parseInput(adminUserQuerySchema, ctx.query, 'query'));
  });

  router.get('/users/:id', async (ctx) => {
    requireAdmin(ctx);
    const { id } = parseInput(userIdParamsSchema, ctx.params, 'params');
    ctx.body = await admin.get(id);
  });

  router.post('/users/:id/ban', async (ctx) => {
    const actorId = requireAdmin(ctx);
    const { id } = parseInput(userIdParamsSchema, ctx.params, 'params');
    const { reason } = parseInput(banBodySchema, ctx.request.body, 'body');
    ctx.body = await admin.ban(actorId, id, reason);
  });

  router.post('/users/:id/unban', async (ctx) => {
    const actorId = requireAdmin(ctx);
    const { id } = parseInput(userIdParamsSchema, ctx.params, 'params');
    ctx.body = await admin.unban(actorId, id);
  });

  router.put('/users/:id/roles', async (ctx) => {
    const actorId = requireAdmin(ctx);
    const { id } = parseInput(userIdParamsSchema, ctx.params, 'params');
    const { roles } = parseInput(rolesBodySchema, ctx.request.body, 'body');
    ctx.body = await admin.setRoles(actorId, id, roles);
  });

  router.get('/audit-log', async (ctx) => {
    requireAdmin(ctx);
    ctx.body = await admin.auditLog(parseInput(auditLogQuerySchema, ctx.query, 'query'));
  });

  // An admin action another service carried out (the gateway reports it once it succeeded).
  router.post('/audit-log', async (ctx) => {
    const actorId = requireAdmin(ctx);
    ctx.status = 201;
    ctx.body = await admin.report(
      actorId,
      parseInput(reportedActionSchema, ctx.request.body, 'body'),
    );
  });

  return router;
}
