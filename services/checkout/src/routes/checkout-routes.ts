import { idempotencyHeadersSchema } from '@gomall/contracts';
import { callerOf, parseInput } from '@gomall/kit';
import Router from '@koa/router';
import type { CheckoutFlow } from '../domain/checkout-flow';
import { checkoutBodySchema } from '../domain/checkout-request';

/** POST /checkout for the caller, with the Idempotency-Key the gateway forwards. */
export function checkoutRoutes(flow: CheckoutFlow): Router {
  const router = new Router();

  router.post('/checkout', async (ctx) => {
    const { userId } = callerOf(ctx);
    const headers = parseInput(idempotencyHeadersSchema, ctx.headers, 'headers');
    const body = parseInput(checkoutBodySchema, ctx.request.body, 'body');
    const answer = await flow.checkout(userId, headers['idempotency-key'], body);
    ctx.status = answer.status;
    ctx.body = answer.body;
  });

  return router;
}
