import { productOperations } from '@gomall/contracts';
import type { ServiceInvoker } from '@gomall/kit';
import type { PricedProduct } from '../domain/cart';

/** The product service as the cart sees it (answers checked against the contracts). */
export class ProductClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** 404 NOT_FOUND (relayed) when the product does not exist. */
  get(id: string): Promise<PricedProduct> {
    return this.invoker.invoke(productOperations.get, { params: { id } });
  }

  /** The products that exist among `ids` (1..100), in one call. */
  async lookup(ids: string[]): Promise<PricedProduct[]> {
    const answer = await this.invoker.invoke(productOperations.lookup, { body: { ids } });
    return answer.items;
  }
}
