import { checkoutBodySchema, idempotencyHeadersSchema } from '@gomall/contracts';
import { parseInput } from '@gomall/kit';
import Router from '@koa/router';
import type { CheckoutClient } from '../clients/checkout-client';
import { requireUser } from './guards';

/** POST /checkout: the saga runs in the checkout service; the same key replays its answer. */
export function checkoutRoutes(checkout: CheckoutClient): Router {
  const router = new Router();

  router.post('/checkout', requireUser(), async (ctx) => {
    const headers = parseInput(idempotencyHeadersSchema, ctx.headers, 'headers');
    const body = parseInput(checkoutBodySchema, ctx.request.body, 'body');
    ctx.body = await checkout.checkout(headers['idempotency-key'], body);
    ctx.status = 201;
  });

  return router;
}
