import {
  cartSchema,
  type AddCartItemBody,
  type Cart,
  type setCartItemBodySchema,
} from '@gomall/contracts';
import type { ServiceInvoker } from '@gomall/kit';
import type { z } from 'zod';

/** The cart service as the gateway sees it; the verified caller travels with every call. */
export class CartClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  get(): Promise<Cart> {
    return this.invoker.callChecked(cartSchema, 'GET', '/cart');
  }

  add(item: AddCartItemBody): Promise<Cart> {
    return this.invoker.callChecked(cartSchema, 'POST', '/cart/items', { body: item });
  }

  setQuantity(productId: string, quantity: number): Promise<Cart> {
    return this.invoker.callChecked(
      cartSchema,
      'PATCH',
      `/cart/items/${encodeURIComponent(productId)}`,
      {
        body: { quantity } satisfies z.input<typeof setCartItemBodySchema>,
      },
    );
  }

  remove(productId: string): Promise<Cart> {
    return this.invoker.callChecked(
      cartSchema,
      'DELETE',
      `/cart/items/${encodeURIComponent(productId)}`,
    );
  }

  clear(): Promise<void> {
    return this.invoker.send('DELETE', '/cart');
  }
}
