import { AppError } from '@gomall/kit';
import Router from '@koa/router';
import { z } from 'zod';
import type { GatewayClient } from '../clients/gateway-client';
import { readableError } from '../domain/api-errors';
import { param, pageOf, postedForm, redirectWith } from '../http/page-state';
import { orderPage, ordersPage } from '../views/pages/order-pages';

const pageQuery = z.coerce.number().int().min(1).max(10_000).catch(1);

/** The shopper's orders, one order, and cancelling it (a refund when it was paid). */
export function orderRoutes(api: GatewayClient): Router {
  const router = new Router();

  router.get('/orders', async (ctx) => {
    const page = pageOf(ctx);
    const orders = await page.session.as((c) => api.orders(c, pageQuery.parse(ctx.query.page), 20));
    ctx.type = 'html';
    ctx.body = ordersPage(page, orders);
  });

  router.get('/orders/:id', async (ctx) => {
    const page = pageOf(ctx);
    const order = await page.session.as((c) => api.order(c, param(ctx, 'id')));
    ctx.type = 'html';
    ctx.body = orderPage(page, order);
  });

  router.post('/orders/:id/cancel', async (ctx) => {
    const page = pageOf(ctx);
    await postedForm(ctx);
    const id = param(ctx, 'id');
    try {
      const order = await page.session.as((c) => api.cancelOrder(c, id));
      redirectWith(
        ctx,
        `/orders/${encodeURIComponent(id)}`,
        order.status === 'refunded'
          ? 'Your order was cancelled and the payment refunded.'
          : 'Your order was cancelled.',
      );
    } catch (error) {
      if (
        !(error instanceof AppError) ||
        error.status >= 500 ||
        error.status === 401 ||
        error.status === 404
      ) {
        throw error;
      }
      const order = await page.session.as((c) => api.order(c, id));
      ctx.type = 'html';
      ctx.body = orderPage(
        page,
        order,
        error.status === 409
          ? `This order can no longer be cancelled (it is ${order.status}).`
          : readableError(error),
      );
    }
  });

  return router;
}
