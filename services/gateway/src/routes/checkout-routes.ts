import {
  checkoutBodySchema,
  checkoutResultSchema,
  idempotencyHeadersSchema,
} from '@gomall/contracts';
import type { CheckoutClient } from '../clients/checkout-client';
import { ApiRoutes } from '../openapi/operation';

/** POST /checkout: the saga runs in the checkout service; the same key replays its answer. */
export function checkoutRoutes(checkout: CheckoutClient): ApiRoutes {
  const routes = new ApiRoutes();

  routes.add(
    {
      method: 'post',
      path: '/checkout',
      operationId: 'checkout',
      tags: ['checkout'],
      summary: 'Buy the cart: reserve stock, create the order, charge, empty the cart',
      description:
        'The same Idempotency-Key with the same body returns the first answer again (also for ' +
        'parallel retries) and charges nothing more; with another body it is 422.',
      access: 'user',
      headers: idempotencyHeadersSchema,
      body: checkoutBodySchema,
      answers: {
        201: { description: 'Paid; the cart is emptied', schema: checkoutResultSchema },
      },
      errors: { 402: true, 409: true, 422: true },
    },
    async (ctx, { headers, body }) => {
      ctx.body = await checkout.checkout(headers['idempotency-key'], body);
      ctx.status = 201;
    },
  );

  return routes;
}
