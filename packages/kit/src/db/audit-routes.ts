import Router from '@koa/router';
import type { Sequelize } from 'sequelize';
import { auditOutbox, auditQuerySchema } from './audit';
import { forbidden } from '../errors';
import { callerOf } from '../http/caller';
import { parseInput } from '../http/validate';

/**
 * `GET /admin/audit` of a service that owns data: its facts for the cross-service audit, with its
 * outbox's events still unpublished past the deadline (admins; asked by the checkout service).
 */
export function auditRoutes(audit: { facts(): Promise<object> }, sequelize: Sequelize): Router {
  const router = new Router();
  router.get('/admin/audit', async (ctx) => {
    if (!callerOf(ctx).roles.includes('admin')) throw forbidden('Needs the admin role');
    const { outboxDeadlineSeconds } = parseInput(auditQuerySchema, ctx.query, 'query');
    ctx.body = {
      ...(await audit.facts()),
      outbox: await auditOutbox(sequelize, outboxDeadlineSeconds),
    };
  });
  return router;
}
