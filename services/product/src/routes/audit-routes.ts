import { auditOutbox, auditQuerySchema, callerOf, forbidden, parseInput } from '@gomall/kit';
import Router from '@koa/router';
import type { Sequelize } from 'sequelize';
import type { ProductAuditRepository } from '../data/audit-repository';

/** This service's facts for the cross-service audit (admins; asked by the checkout service). */
export function auditRoutes(audit: ProductAuditRepository, sequelize: Sequelize): Router {
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
