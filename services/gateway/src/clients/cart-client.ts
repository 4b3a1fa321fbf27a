import { cartOperations, type AddCartItemBody, type Cart } from '@gomall/contracts';
import type { ServiceInvoker } from '@gomall/kit';

/** The cart service as the gateway sees it; the verified caller travels with every call. */
export class CartClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  get(): Promise<Cart> {
    return this.invoker.invoke(cartOperations.get);
  }

  add(item: AddCartItemBody): Promise<Cart> {
    return this.invoker.invoke(cartOperations.add, { body: item });
  }

  setQuantity(productId: string, quantity: number): Promise<Cart> {
    return this.invoker.invoke(cartOperations.setQuantity, {
      params: { productId },
      body: { quantity },
    });
  }

  remove(productId: string): Promise<Cart> {
    return this.invoker.invoke(cartOperations.remove, { params: { productId } });
  }

  clear(): Promise<void> {
    return this.invoker.invoke(cartOperations.clear);
  }
}
