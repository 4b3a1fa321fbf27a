import type { ServiceInvoker } from '@gomall/kit';
import type { CatalogQuery, CategoryList, Page, Product } from '../domain/catalog';

/** The product service as the gateway sees it: typed calls over Dapr service invocation. */
export class ProductClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  list(query: CatalogQuery): Promise<Page<Product>> {
    return this.invoker.call('GET', '/products', { query });
  }

  get(id: string): Promise<Product> {
    return this.invoker.call('GET', `/products/${encodeURIComponent(id)}`);
  }

  categories(): Promise<CategoryList> {
    return this.invoker.call('GET', '/categories');
  }
}
