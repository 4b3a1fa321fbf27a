import type { ServiceInvoker } from '@gomall/kit';
import type { CartLine } from '../domain/saga-data';

export interface CartLines {
  items: CartLine[];
}

/** The buyer's cart (the invoker forwards the identity, so these act on the caller's own cart). */
export class CartClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** The cart's product ids and quantities, unpriced (internal `GET /cart/lines`). */
  lines(): Promise<CartLines> {
    return this.invoker.call('GET', '/cart/lines');
  }

  clear(): Promise<void> {
    return this.invoker.call('DELETE', '/cart');
  }
}
