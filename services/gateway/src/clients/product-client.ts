import {
  productOperations,
  type CatalogQuery,
  type CreateProductBody,
  type Product,
  type UpdateProductBody,
} from '@gomall/contracts';
import type { ServiceInvoker } from '@gomall/kit';

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
    return this.invoker.invokeForText(productOperations.list, { query });
  }

  /** The batch get: a page of the products with these ids, in the order asked. */
  batchJson(ids: string[]): Promise<string> {
    return this.invoker.invokeForText(productOperations.list, { query: { ids: ids.join(',') } });
  }

  getJson(id: string): Promise<string> {
    return this.invoker.invokeForText(productOperations.get, { params: { id } });
  }

  categoriesJson(): Promise<string> {
    return this.invoker.invokeForText(productOperations.categories);
  }

  create(body: CreateProductBody): Promise<Product> {
    return this.invoker.invoke(productOperations.create, { body });
  }

  update(id: string, body: UpdateProductBody): Promise<Product> {
    return this.invoker.invoke(productOperations.update, { params: { id }, body });
  }

  remove(id: string): Promise<void> {
    return this.invoker.invoke(productOperations.remove, { params: { id } });
  }

  setStock(id: string, stock: number): Promise<Product> {
    return this.invoker.invoke(productOperations.setStock, { params: { id }, body: { stock } });
  }
}
