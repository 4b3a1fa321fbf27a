import { chargeBodySchema } from '@gomall/contracts';
import { parseInput } from '@gomall/kit';
import Router from '@koa/router';
import { orderIdParamsSchema } from '../domain/card';
import type { Payments } from '../domain/payments';

/** Charges and refunds for the checkout saga and the order service (docs/internal-api.md). */
export function paymentRoutes(payments: Payments): Router {
  const router = new Router({ prefix: '/payments' });

  router.post('/', async (ctx) => {
    const request = parseInput(chargeBodySchema, ctx.request.body, 'body');
    ctx.body = await payments.charge(request);
    ctx.status = 201;
  });

  router.get('/by-order/:orderId', async (ctx) => {
    const { orderId } = parseInput(orderIdParamsSchema, ctx.params, 'params');
    ctx.body = await payments.get(orderId);
  });

  router.post('/by-order/:orderId/refund', async (ctx) => {
    const { orderId } = parseInput(orderIdParamsSchema, ctx.params, 'params');
    ctx.body = await payments.refund(orderId);
  });

  return router;
}
