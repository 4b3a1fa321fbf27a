import {
  adminOrderSearchQuerySchema,
  changeAddressBodySchema,
  orderIdParamsSchema,
} from '@gomall/contracts';
import { callerOf, forbidden, parseInput } from '@gomall/kit';
import Router from '@koa/router';
import type { Context } from 'koa';
import type { Orders } from '../domain/orders';

/** The verified caller, who must be an admin (the gateway checks the role too; we do not rely on it). */
function admin(ctx: Context): string {
  const caller = callerOf(ctx);
  if (!caller.roles.includes('admin')) throw forbidden('Needs the admin role');
  return caller.userId;
}

/** Fulfilment and support for admins. */
export function adminOrderRoutes(orders: Orders): Router {
  const router = new Router({ prefix: '/admin/orders' });

  router.get('/', async (ctx) => {
    admin(ctx);
    ctx.body = await orders.search(parseInput(adminOrderSearchQuerySchema, ctx.query, 'query'));
  });

  router.get('/:id', async (ctx) => {
    admin(ctx);
    const { id } = parseInput(orderIdParamsSchema, ctx.params, 'params');
    ctx.body = await orders.withHistory(id);
  });

  router.post('/:id/ship', async (ctx) => {
    admin(ctx);
    const { id } = parseInput(orderIdParamsSchema, ctx.params, 'params');
    ctx.body = await orders.ship(id);
  });

  router.patch('/:id/address', async (ctx) => {
    const userId = admin(ctx);
    const { id } = parseInput(orderIdParamsSchema, ctx.params, 'params');
    const { address } = parseInput(changeAddressBodySchema, ctx.request.body, 'body');
    ctx.body = await orders.changeAddress(id, address, { userId, admin: true });
  });

  return router;
}
