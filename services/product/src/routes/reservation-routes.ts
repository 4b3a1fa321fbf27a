import { reservationParamsSchema, reserveBodySchema } from '@gomall/contracts';
import { parseInput } from '@gomall/kit';
import Router from '@koa/router';
import { InsufficientStock } from '../domain/stock';
import type { StockRepository } from '../data/stock-repository';
import type { StockMetrics } from '../metrics/stock-metrics';

/** Stock reservations for the checkout saga and the order service (docs/internal-api.md). */
export function reservationRoutes(stock: StockRepository, metrics: StockMetrics): Router {
  const router = new Router({ prefix: '/reservations' });

  router.post('/', async (ctx) => {
    const body = parseInput(reserveBodySchema, ctx.request.body, 'body');
    try {
      // Idempotent per order id (the caller's Idempotency-Key is `<order id>:reserve-stock`): a
      // repeat answers the first reservation again and says so.
      const { replayed, ...reservation } = await stock.reserve(body.orderId, body.items);
      if (replayed) ctx.set('Idempotent-Replayed', 'true');
      ctx.body = reservation;
    } catch (error) {
      if (error instanceof InsufficientStock) metrics.reservationConflicts.inc();
      throw error;
    }
  });

  router.get('/:orderId', async (ctx) => {
    const { orderId } = parseInput(reservationParamsSchema, ctx.params, 'params');
    ctx.body = await stock.reservation(orderId);
  });

  router.post('/:orderId/commit', async (ctx) => {
    const { orderId } = parseInput(reservationParamsSchema, ctx.params, 'params');
    ctx.body = await stock.commit(orderId);
  });

  router.post('/:orderId/release', async (ctx) => {
    const { orderId } = parseInput(reservationParamsSchema, ctx.params, 'params');
    ctx.body = await stock.release(orderId);
  });

  return router;
}
