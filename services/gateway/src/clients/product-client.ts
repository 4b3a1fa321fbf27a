import {
  categoryListSchema,
  pageSchema,
  productSchema,
  type CatalogQuery,
  type CreateProductBody,
  type Product,
  type UpdateProductBody,
  type setStockBodySchema,
} from '@gomall/contracts';
import type { ServiceInvoker } from '@gomall/kit';
import type { z } from 'zod';

const productPage = pageSchema(productSchema);

/**
 * The product service as the gateway sees it: typed calls over Dapr service invocation, each
 * answer checked against the contracts outside production.
 */
export class ProductClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /**
   * The public catalog reads as JSON text, passed on to the shopper as the product service wrote
   * it (a Page<Product>, a Product, a CategoryList): no parse and re-serialize per request.
   */
  listJson(query: CatalogQuery): Promise<string> {
    return this.invoker.callForTextChecked(productPage, 'GET', '/products', { query });
  }

  /** The batch get: a page of the products with these ids, in the order asked. */
  batchJson(ids: string[]): Promise<string> {
    return this.invoker.callForTextChecked(productPage, 'GET', '/products', {
      query: { ids: ids.join(',') },
    });
  }

  getJson(id: string): Promise<string> {
    return this.invoker.callForTextChecked(
      productSchema,
      'GET',
      `/products/${encodeURIComponent(id)}`,
    );
  }

  categoriesJson(): Promise<string> {
    return this.invoker.callForTextChecked(categoryListSchema, 'GET', '/categories');
  }

  create(body: CreateProductBody): Promise<Product> {
    return this.invoker.callChecked(productSchema, 'POST', '/admin/products', { body });
  }

  update(id: string, body: UpdateProductBody): Promise<Product> {
    return this.invoker.callChecked(
      productSchema,
      'PATCH',
      `/admin/products/${encodeURIComponent(id)}`,
      { body },
    );
  }

  remove(id: string): Promise<void> {
    return this.invoker.send('DELETE', `/admin/products/${encodeURIComponent(id)}`);
  }

  setStock(id: string, stock: number): Promise<Product> {
    return this.invoker.callChecked(
      productSchema,
      'PUT',
      `/admin/products/${encodeURIComponent(id)}/stock`,
      {
        body: { stock } satisfies z.input<typeof setStockBodySchema>,
      },
    );
  }
}
