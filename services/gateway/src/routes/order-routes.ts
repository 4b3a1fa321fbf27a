import {
  adminOrderSearchQuerySchema,
  changeAddressBodySchema,
  orderIdParamsSchema,
  orderListQuerySchema,
} from '@gomall/contracts';
import { parseInput } from '@gomall/kit';
import Router from '@koa/router';
import type { AuditReporter } from '../clients/audit-reporter';
import type { OrderClient } from '../clients/order-client';
import { requireRole, requireUser } from './guards';

/** The shopper's own orders; another user's order id answers 404 (the order service decides). */
export function orderRoutes(orders: OrderClient, audit: AuditReporter): Router {
  const router = new Router();

  router.get('/orders', requireUser(), async (ctx) => {
    ctx.body = await orders.list(parseInput(orderListQuerySchema, ctx.query, 'query'));
  });

  router.get('/orders/:id', requireUser(), async (ctx) => {
    const { id } = parseInput(orderIdParamsSchema, ctx.params, 'params');
    ctx.body = await orders.get(id);
  });

  router.post('/orders/:id/cancel', requireUser(), async (ctx) => {
    const { id } = parseInput(orderIdParamsSchema, ctx.params, 'params');
    ctx.body = await orders.cancel(id);
  });

  router.get('/orders/:id/history', requireUser(), async (ctx) => {
    const { id } = parseInput(orderIdParamsSchema, ctx.params, 'params');
    ctx.body = await orders.history(id);
  });

  router.patch('/orders/:id/address', requireUser(), async (ctx) => {
    const { id } = parseInput(orderIdParamsSchema, ctx.params, 'params');
    ctx.body = await orders.changeAddress(
      id,
      parseInput(changeAddressBodySchema, ctx.request.body, 'body'),
    );
  });

  router.get('/admin/orders', requireRole('admin'), async (ctx) => {
    ctx.body = await orders.search(parseInput(adminOrderSearchQuerySchema, ctx.query, 'query'));
  });

  router.get('/admin/orders/:id', requireRole('admin'), async (ctx) => {
    const { id } = parseInput(orderIdParamsSchema, ctx.params, 'params');
    ctx.body = await orders.adminGet(id);
  });

  router.patch('/admin/orders/:id/address', requireRole('admin'), async (ctx) => {
    const { id } = parseInput(orderIdParamsSchema, ctx.params, 'params');
    const changed = await orders.adminChangeAddress(
      id,
      parseInput(changeAddressBodySchema, ctx.request.body, 'body'),
    );
    await audit.record({
      action: 'order.address_changed',
      targetType: 'order',
      targetId: id,
      details: { to: changed.order.address },
    });
    ctx.body = changed;
  });

  router.post('/admin/orders/:id/ship', requireRole('admin'), async (ctx) => {
    const { id } = parseInput(orderIdParamsSchema, ctx.params, 'params');
    ctx.body = await orders.ship(id);
  });

  return router;
}
