import Router from '@koa/router';
import type { Orders } from '../domain/orders';

/** Name of the Dapr cron input binding (dapr-components/resources/order-sweep.yaml). */
const SWEEP_BINDING = 'order-sweep';

/**
 * daprd calls `POST /<binding name>` on every tick of the cron binding (and `OPTIONS` once at
 * start to see whether the app listens). Running it by hand is harmless: it only cancels orders
 * that are past the reservation window anyway.
 */
export function sweepRoutes(orders: Orders): Router {
  const router = new Router();
  router.post(`/${SWEEP_BINDING}`, async (ctx) => {
    ctx.body = await orders.sweep();
  });
  return router;
}
