import { callerOf, forbidden } from '@gomall/kit';
import Router from '@koa/router';
import type { MallAudit } from '../audit/mall-audit';

/** GET /admin/audit: the cross-service audit of the live mall (admins, via the gateway). */
export function auditRoutes(audit: MallAudit): Router {
  const router = new Router();
  router.get('/admin/audit', async (ctx) => {
    if (!callerOf(ctx).roles.includes('admin')) throw forbidden('Needs the admin role');
    ctx.body = await audit.run();
  });
  return router;
}
