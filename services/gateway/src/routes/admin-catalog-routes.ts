import {
  createProductBodySchema,
  productIdParamsSchema,
  setStockBodySchema,
  updateProductBodySchema,
} from '@gomall/contracts';
import { parseInput } from '@gomall/kit';
import Router from '@koa/router';
import type { ProductClient } from '../clients/product-client';
import { requireRole } from './guards';

/** The admin catalog: admins only (401 without a token, 403 without the role). */
export function adminCatalogRoutes(products: ProductClient): Router {
  const router = new Router();
  const admin = requireRole('admin');

  router.post('/admin/products', admin, async (ctx) => {
    ctx.body = await products.create(parseInput(createProductBodySchema, ctx.request.body, 'body'));
    ctx.status = 201;
  });

  router.patch('/admin/products/:id', admin, async (ctx) => {
    const { id } = parseInput(productIdParamsSchema, ctx.params, 'params');
    ctx.body = await products.update(
      id,
      parseInput(updateProductBodySchema, ctx.request.body, 'body'),
    );
  });

  router.delete('/admin/products/:id', admin, async (ctx) => {
    const { id } = parseInput(productIdParamsSchema, ctx.params, 'params');
    await products.remove(id);
    ctx.status = 204;
  });

  router.put('/admin/products/:id/stock', admin, async (ctx) => {
    const { id } = parseInput(productIdParamsSchema, ctx.params, 'params');
    const { stock } = parseInput(setStockBodySchema, ctx.request.body, 'body');
    ctx.body = await products.setStock(id, stock);
  });

  return router;
}
