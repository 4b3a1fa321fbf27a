import { parseInput } from '@gomall/kit';
import Router from '@koa/router';
import type { ProductClient } from '../clients/product-client';
import { catalogQuerySchema, productIdParams } from '../domain/catalog';

/** Public, anonymous catalog reads. */
export function catalogRoutes(products: ProductClient): Router {
  const router = new Router();

  router.get('/products', async (ctx) => {
    ctx.body = await products.list(parseInput(catalogQuerySchema, ctx.query, 'query'));
  });

  router.get('/products/:id', async (ctx) => {
    const { id } = parseInput(productIdParams, ctx.params, 'params');
    ctx.body = await products.get(id);
  });

  router.get('/categories', async (ctx) => {
    ctx.body = await products.categories();
  });

  return router;
}
