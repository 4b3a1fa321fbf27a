import {
  catalogQuerySchema,
  productIdParamsSchema,
  productLookupBodySchema,
} from '@gomall/contracts';
import { notFound, parseInput } from '@gomall/kit';
import Router from '@koa/router';
import { batchQuerySchema } from '../domain/catalog';
import type { ProductRepository } from '../data/product-repository';

/** Read side of the catalog, invoked by the gateway through Dapr. */
export function catalogRoutes(products: ProductRepository): Router {
  const router = new Router();

  router.get('/products', async (ctx) => {
    if (ctx.query.ids !== undefined) {
      // The batch get: `?ids=a,b,c` alone.
      const { ids } = parseInput(batchQuerySchema, ctx.query, 'query');
      ctx.body = await products.batch(ids);
      return;
    }
    const query = parseInput(catalogQuerySchema, ctx.query, 'query');
    ctx.body = await products.list(query);
  });

  router.get('/products/:id', async (ctx) => {
    const { id } = parseInput(productIdParamsSchema, ctx.params, 'params');
    const product = await products.get(id);
    if (!product) throw notFound('Product not found');
    ctx.body = product;
  });

  // For callers that need several products at once (cart, checkout): one call instead of N.
  router.post('/products/lookup', async (ctx) => {
    const { ids } = parseInput(productLookupBodySchema, ctx.request.body, 'body');
    ctx.body = { items: await products.lookup(ids) };
  });

  router.get('/categories', async (ctx) => {
    ctx.body = { items: await products.categories() };
  });

  return router;
}
