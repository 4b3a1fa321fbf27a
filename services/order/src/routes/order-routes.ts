import {
  changeAddressBodySchema,
  createOrderBodySchema,
  markCancelledBodySchema,
  markPaidBodySchema,
  orderIdParamsSchema,
  orderListQuerySchema,
} from '@gomall/contracts';
import { callerOf, parseInput, verifiedIdentity } from '@gomall/kit';
import Router from '@koa/router';
import type { Context } from 'koa';
import type { Orders } from '../domain/orders';

/**
 * The saga's status calls carry the shopper's identity when they have one (then only the owner's
 * order is found) and none when a recovery job runs them.
 */
const optionalUserId = (ctx: Context): string | undefined => verifiedIdentity(ctx).userId;

/** Orders for the gateway (the shopper's own) and the checkout saga (docs/internal-api.md). */
export function orderRoutes(orders: Orders): Router {
  const router = new Router({ prefix: '/orders' });

  router.post('/', async (ctx) => {
    const { userId } = callerOf(ctx);
    const input = parseInput(createOrderBodySchema, ctx.request.body, 'body');
    ctx.body = await orders.create(userId, input);
    ctx.status = 201;
  });

  router.get('/', async (ctx) => {
    const { userId } = callerOf(ctx);
    ctx.body = await orders.list(userId, parseInput(orderListQuerySchema, ctx.query, 'query'));
  });

  router.get('/:id', async (ctx) => {
    const { userId } = callerOf(ctx);
    const { id } = parseInput(orderIdParamsSchema, ctx.params, 'params');
    ctx.body = await orders.visible(id, userId);
  });

  // The shopper's own order with its address history.
  router.get('/:id/history', async (ctx) => {
    const { userId } = callerOf(ctx);
    const { id } = parseInput(orderIdParamsSchema, ctx.params, 'params');
    ctx.body = await orders.withHistory(id, userId);
  });

  // A new shipping address until the order ships (409 after); another user's order is 404.
  router.patch('/:id/address', async (ctx) => {
    const { userId } = callerOf(ctx);
    const { id } = parseInput(orderIdParamsSchema, ctx.params, 'params');
    const { address } = parseInput(changeAddressBodySchema, ctx.request.body, 'body');
    ctx.body = await orders.changeAddress(id, address, { userId, admin: false });
  });

  // For the payment service, which refunds on order.cancelled only after asking the order's owner.
  router.get('/:id/status', async (ctx) => {
    const { id } = parseInput(orderIdParamsSchema, ctx.params, 'params');
    const { order } = await orders.get(id, optionalUserId(ctx));
    ctx.body = { id: order.id, status: order.status, totalCents: order.totalCents };
  });

  router.post('/:id/mark-paid', async (ctx) => {
    const { id } = parseInput(orderIdParamsSchema, ctx.params, 'params');
    const { paymentId } = parseInput(markPaidBodySchema, ctx.request.body, 'body');
    ctx.body = await orders.markPaid(id, paymentId, optionalUserId(ctx));
  });

  router.post('/:id/mark-cancelled', async (ctx) => {
    const { id } = parseInput(orderIdParamsSchema, ctx.params, 'params');
    const { reason } = parseInput(markCancelledBodySchema, ctx.request.body, 'body');
    ctx.body = await orders.markCancelled(id, reason, optionalUserId(ctx));
  });

  router.post('/:id/cancel', async (ctx) => {
    const { userId } = callerOf(ctx);
    const { id } = parseInput(orderIdParamsSchema, ctx.params, 'params');
    ctx.body = await orders.cancel(id, userId);
  });

  return router;
}
