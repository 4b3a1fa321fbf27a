import { addCartItemBodySchema, cartSchema, setCartItemBodySchema } from '../api/cart';
import { cartLinesSchema } from '../internal/cart';
import type { Operation } from './operation';

/** What the cart service answers to the gateway and checkout (always the calling buyer's cart). */
export const cartOperations = {
  get: { method: 'GET', path: '/cart', answer: cartSchema },
  lines: { method: 'GET', path: '/cart/lines', answer: cartLinesSchema },
  add: { method: 'POST', path: '/cart/items', body: addCartItemBodySchema, answer: cartSchema },
  setQuantity: {
    method: 'PATCH',
    path: '/cart/items/:productId',
    body: setCartItemBodySchema,
    answer: cartSchema,
  },
  remove: { method: 'DELETE', path: '/cart/items/:productId', answer: cartSchema },
  clear: { method: 'DELETE', path: '/cart' },
} as const satisfies Record<string, Operation>;
