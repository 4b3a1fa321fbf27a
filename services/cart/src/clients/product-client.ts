import type { ServiceInvoker } from '@gomall/kit';
import type { PricedProduct } from '../domain/cart';

/** The product service as the cart sees it. */
export class ProductClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** 404 NOT_FOUND (relayed) when the product does not exist. */
  get(id: string): Promise<PricedProduct> {
    return this.invoker.call('GET', `/products/${encodeURIComponent(id)}`);
  }

  /** The products that exist among `ids` (1..100), in one call. */
  async lookup(ids: string[]): Promise<PricedProduct[]> {
    const answer = await this.invoker.call<{ items: PricedProduct[] }>('POST', '/products/lookup', {
      body: { ids },
    });
    return answer.items;
  }
}
