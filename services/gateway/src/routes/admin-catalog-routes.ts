import { parseInput } from '@gomall/kit';
import Router from '@koa/router';
import type { ProductClient } from '../clients/product-client';
import { createProductBody, setStockBody, updateProductBody } from '../domain/admin-catalog';
import { productIdParams } from '../domain/catalog';
import { requireRole } from './guards';

/** The admin catalog: admins only (401 without a token, 403 without the role). */
export function adminCatalogRoutes(products: ProductClient): Router {
  const router = new Router();
  const admin = requireRole('admin');

  router.post('/admin/products', admin, async (ctx) => {
    ctx.body = await products.create(parseInput(createProductBody, ctx.request.body, 'body'));
    ctx.status = 201;
  });

  router.patch('/admin/products/:id', admin, async (ctx) => {
    const { id } = parseInput(productIdParams, ctx.params, 'params');
    ctx.body = await products.update(id, parseInput(updateProductBody, ctx.request.body, 'body'));
  });

  router.delete('/admin/products/:id', admin, async (ctx) => {
    const { id } = parseInput(productIdParams, ctx.params, 'params');
    await products.remove(id);
    ctx.status = 204;
  });

  router.put('/admin/products/:id/stock', admin, async (ctx) => {
    const { id } = parseInput(productIdParams, ctx.params, 'params');
    const { stock } = parseInput(setStockBody, ctx.request.body, 'body');
    ctx.body = await products.setStock(id, stock);
  });

  return router;
}
