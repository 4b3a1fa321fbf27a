import {
  addCartItemBodySchema,
  cartItemParamsSchema,
  cartSchema,
  setCartItemBodySchema,
} from '@gomall/contracts';
import type { CartClient } from '../clients/cart-client';
import { ApiRoutes } from '../openapi/operation';

const cartAnswer = { 200: { description: 'The cart', schema: cartSchema } };

/** The caller's own cart; whose it is comes only from the verified token. */
export function cartRoutes(carts: CartClient): ApiRoutes {
  const routes = new ApiRoutes();
  const common = { tags: ['cart'], access: 'user' } as const;

  routes.add(
    {
      ...common,
      method: 'get',
      path: '/cart',
      operationId: 'getCart',
      summary: 'Your cart, priced from the catalog',
      answers: cartAnswer,
    },
    async (ctx) => {
      ctx.body = await carts.get();
    },
  );

  routes.add(
    {
      ...common,
      method: 'post',
      path: '/cart/items',
      operationId: 'addCartItem',
      summary: 'Add a product (concurrent adds never lose an update)',
      body: addCartItemBodySchema,
      answers: cartAnswer,
      errors: { 404: true },
    },
    async (ctx, { body }) => {
      ctx.body = await carts.add(body);
    },
  );

  routes.add(
    {
      ...common,
      method: 'patch',
      path: '/cart/items/:productId',
      operationId: 'setCartItemQuantity',
      summary: "Set a line's quantity (0 removes it)",
      params: cartItemParamsSchema,
      body: setCartItemBodySchema,
      answers: cartAnswer,
      errors: { 404: true },
    },
    async (ctx, { params, body }) => {
      ctx.body = await carts.setQuantity(params.productId, body.quantity);
    },
  );

  routes.add(
    {
      ...common,
      method: 'delete',
      path: '/cart/items/:productId',
      operationId: 'removeCartItem',
      summary: 'Remove a line',
      params: cartItemParamsSchema,
      answers: cartAnswer,
      errors: { 404: true },
    },
    async (ctx, { params }) => {
      ctx.body = await carts.remove(params.productId);
    },
  );

  routes.add(
    {
      ...common,
      method: 'delete',
      path: '/cart',
      operationId: 'emptyCart',
      summary: 'Empty your cart',
      answers: { 204: { description: 'Emptied' } },
    },
    async (ctx) => {
      await carts.clear();
      ctx.status = 204;
    },
  );

  return routes;
}
