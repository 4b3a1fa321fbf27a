import { callerOf, forbidden, parseInput } from '@gomall/kit';
import Router from '@koa/router';
import { orderIdParams } from '../domain/order';
import type { Orders } from '../domain/orders';

/** Fulfilment for admins; the gateway checks the role too, the service does not rely on it. */
export function adminOrderRoutes(orders: Orders): Router {
  const router = new Router({ prefix: '/admin/orders' });

  router.post('/:id/ship', async (ctx) => {
    if (!callerOf(ctx).roles.includes('admin')) throw forbidden('Needs the admin role');
    const { id } = parseInput(orderIdParams, ctx.params, 'params');
    ctx.body = await orders.ship(id);
  });

  return router;
}
