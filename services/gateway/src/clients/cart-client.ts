import type { ServiceInvoker } from '@gomall/kit';
import type { AddCartItem, CartView } from '../domain/cart';

/** The cart service as the gateway sees it; the verified caller travels with every call. */
export class CartClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  get(): Promise<CartView> {
    return this.invoker.call('GET', '/cart');
  }

  add(item: AddCartItem): Promise<CartView> {
    return this.invoker.call('POST', '/cart/items', { body: item });
  }

  setQuantity(productId: string, quantity: number): Promise<CartView> {
    return this.invoker.call('PATCH', `/cart/items/${encodeURIComponent(productId)}`, {
      body: { quantity },
    });
  }

  remove(productId: string): Promise<CartView> {
    return this.invoker.call('DELETE', `/cart/items/${encodeURIComponent(productId)}`);
  }

  clear(): Promise<void> {
    return this.invoker.call('DELETE', '/cart');
  }
}
