import { catalogQuerySchema, productIdParamsSchema } from '@gomall/contracts';
import { parseInput } from '@gomall/kit';
import Router from '@koa/router';
import type { ProductClient } from '../clients/product-client';
import { cacheableRead } from './cacheable';

/** Public, anonymous catalog reads: cacheable (ETag, Cache-Control, 304), see cacheable.ts. */
export function catalogRoutes(products: ProductClient): Router {
  const router = new Router();
  const cacheable = cacheableRead();

  router.get('/products', cacheable, async (ctx) => {
    ctx.body = await products.listJson(parseInput(catalogQuerySchema, ctx.query, 'query'));
  });

  router.get('/products/:id', cacheable, async (ctx) => {
    const { id } = parseInput(productIdParamsSchema, ctx.params, 'params');
    ctx.body = await products.getJson(id);
  });

  router.get('/categories', cacheable, async (ctx) => {
    ctx.body = await products.categoriesJson();
  });

  return router;
}
