import { cartOperations, type CartLines } from '@gomall/contracts';
import type { ServiceInvoker } from '@gomall/kit';

/** The buyer's cart (the invoker forwards the identity, so these act on the caller's own cart). */
export class CartClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** The cart's product ids and quantities, unpriced (internal `GET /cart/lines`). */
  lines(): Promise<CartLines> {
    return this.invoker.invoke(cartOperations.lines);
  }

  clear(): Promise<void> {
    return this.invoker.invoke(cartOperations.clear);
  }
}
