import {
  addCartItemBodySchema,
  cartItemParamsSchema,
  setCartItemBodySchema,
} from '@gomall/contracts';
import { parseInput } from '@gomall/kit';
import Router from '@koa/router';
import type { CartClient } from '../clients/cart-client';
import { requireUser } from './guards';

/** The caller's own cart; whose it is comes only from the verified token. */
export function cartRoutes(carts: CartClient): Router {
  const router = new Router();

  router.get('/cart', requireUser(), async (ctx) => {
    ctx.body = await carts.get();
  });

  router.post('/cart/items', requireUser(), async (ctx) => {
    ctx.body = await carts.add(parseInput(addCartItemBodySchema, ctx.request.body, 'body'));
  });

  router.patch('/cart/items/:productId', requireUser(), async (ctx) => {
    const { productId } = parseInput(cartItemParamsSchema, ctx.params, 'params');
    const { quantity } = parseInput(setCartItemBodySchema, ctx.request.body, 'body');
    ctx.body = await carts.setQuantity(productId, quantity);
  });

  router.delete('/cart/items/:productId', requireUser(), async (ctx) => {
    const { productId } = parseInput(cartItemParamsSchema, ctx.params, 'params');
    ctx.body = await carts.remove(productId);
  });

  router.delete('/cart', requireUser(), async (ctx) => {
    await carts.clear();
    ctx.status = 204;
  });

  return router;
}
