import {
  addCartItemBodySchema,
  cartItemParamsSchema,
  setCartItemBodySchema,
} from '@gomall/contracts';
import { callerOf, parseInput } from '@gomall/kit';
import Router from '@koa/router';
import type { ProductClient } from '../clients/product-client';
import type { CartStore } from '../data/cart-store';
import { addItem, removeItem, setQuantity, viewCart, type StoredCart } from '../domain/cart';

/** The caller's own cart (the user id comes from the identity the gateway verified). */
export function cartRoutes(carts: CartStore, products: ProductClient): Router {
  const router = new Router();

  const view = (cart: StoredCart) => viewCart(cart, products);

  router.get('/cart', async (ctx) => {
    ctx.body = await view(await carts.get(callerOf(ctx).userId));
  });

  // Internal (not routed by the gateway): the lines alone, for the checkout saga, which prices
  // them itself through the stock reservation; saves the catalog lookup of GET /cart.
  router.get('/cart/lines', async (ctx) => {
    ctx.body = await carts.get(callerOf(ctx).userId);
  });

  router.post('/cart/items', async (ctx) => {
    const { userId } = callerOf(ctx);
    const { productId, quantity } = parseInput(addCartItemBodySchema, ctx.request.body, 'body');
    const product = await products.get(productId); // 404 for a product the catalog does not have
    const cart = await carts.update(userId, (stored) => addItem(stored, productId, quantity));
    ctx.body = await viewCart(cart, products, [product]);
  });

  router.patch('/cart/items/:productId', async (ctx) => {
    const { userId } = callerOf(ctx);
    const { productId } = parseInput(cartItemParamsSchema, ctx.params, 'params');
    const { quantity } = parseInput(setCartItemBodySchema, ctx.request.body, 'body');
    ctx.body = await view(
      await carts.update(userId, (cart) => setQuantity(cart, productId, quantity)),
    );
  });

  router.delete('/cart/items/:productId', async (ctx) => {
    const { userId } = callerOf(ctx);
    const { productId } = parseInput(cartItemParamsSchema, ctx.params, 'params');
    ctx.body = await view(await carts.update(userId, (cart) => removeItem(cart, productId)));
  });

  router.delete('/cart', async (ctx) => {
    await carts.clear(callerOf(ctx).userId);
    ctx.status = 204;
  });

  return router;
}
