import { sagaIdParamsSchema, sagaListQuerySchema } from '@gomall/contracts';
import { parseInput } from '@gomall/kit';
import Router from '@koa/router';
import type { AuditReporter } from '../clients/audit-reporter';
import type { CheckoutClient } from '../clients/checkout-client';
import { requireRole } from './guards';

/** Operations for admins: stuck sagas and the money/stock audit (401/403 otherwise). */
export function adminOpsRoutes(checkout: CheckoutClient, audit: AuditReporter): Router {
  const router = new Router();
  const admin = requireRole('admin');

  router.get('/admin/sagas', admin, async (ctx) => {
    ctx.body = await checkout.sagas(parseInput(sagaListQuerySchema, ctx.query, 'query'));
  });

  router.post('/admin/sagas/:id/retry', admin, async (ctx) => {
    const { id } = parseInput(sagaIdParamsSchema, ctx.params, 'params');
    ctx.body = await checkout.retrySaga(id);
    ctx.status = 202;
    await audit.record({ action: 'saga.retried', targetType: 'saga', targetId: id });
  });

  router.get('/admin/audit', admin, async (ctx) => {
    ctx.body = await checkout.audit();
  });

  return router;
}
