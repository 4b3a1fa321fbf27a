import type { ServiceInvoker } from '@gomall/kit';
import type { CreateProductBody, UpdateProductBody } from '../domain/admin-catalog';
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

  create(body: CreateProductBody): Promise<Product> {
    return this.invoker.call('POST', '/admin/products', { body });
  }

  update(id: string, body: UpdateProductBody): Promise<Product> {
    return this.invoker.call('PATCH', `/admin/products/${encodeURIComponent(id)}`, { body });
  }

  remove(id: string): Promise<void> {
    return this.invoker.call('DELETE', `/admin/products/${encodeURIComponent(id)}`);
  }

  setStock(id: string, stock: number): Promise<Product> {
    return this.invoker.call('PUT', `/admin/products/${encodeURIComponent(id)}/stock`, {
      body: { stock },
    });
  }
}
