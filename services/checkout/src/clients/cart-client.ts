import type { ServiceInvoker } from '@gomall/kit';
import type { CartLine } from '../domain/saga-data';

export interface CartView {
  items: Array<CartLine & { name: string; unitPriceCents: number; lineTotalCents: number }>;
  totalCents: number;
}

/** The buyer's cart (the invoker forwards the identity, so these act on the caller's own cart). */
export class CartClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  get(): Promise<CartView> {
    return this.invoker.call('GET', '/cart');
  }

  clear(): Promise<void> {
    return this.invoker.call('DELETE', '/cart');
  }
}
