import {
  createProductBodySchema,
  productIdParamsSchema,
  setStockBodySchema,
  updateProductBodySchema,
} from '@gomall/contracts';
import { callerOf, forbidden, notFound, parseInput } from '@gomall/kit';
import Router from '@koa/router';
import type { Middleware } from 'koa';
import type { ProductRepository } from '../data/product-repository';
import type { StockRepository } from '../data/stock-repository';

/**
 * The gateway already allows only admins here; the service checks the forwarded role as well, so
 * another service's user-scoped call can never reach the admin catalog.
 */
const adminOnly: Middleware = async (ctx, next) => {
  if (!callerOf(ctx).roles.includes('admin')) throw forbidden('Needs the admin role');
  await next();
};

export function adminCatalogRoutes(products: ProductRepository, stock: StockRepository): Router {
  const router = new Router({ prefix: '/admin/products' });
  router.use(adminOnly);

  router.post('/', async (ctx) => {
    const input = parseInput(createProductBodySchema, ctx.request.body, 'body');
    ctx.status = 201;
    ctx.body = await products.create(input);
  });

  router.patch('/:id', async (ctx) => {
    const { id } = parseInput(productIdParamsSchema, ctx.params, 'params');
    const changes = parseInput(updateProductBodySchema, ctx.request.body, 'body');
    const product = await products.update(id, changes);
    if (!product) throw notFound('Product not found');
    ctx.body = product;
  });

  router.delete('/:id', async (ctx) => {
    const { id } = parseInput(productIdParamsSchema, ctx.params, 'params');
    if (!(await products.softDelete(id))) throw notFound('Product not found');
    ctx.status = 204;
  });

  router.put('/:id/stock', async (ctx) => {
    const { id } = parseInput(productIdParamsSchema, ctx.params, 'params');
    const body = parseInput(setStockBodySchema, ctx.request.body, 'body');
    await stock.setOnHand(id, body.stock);
    ctx.body = (await products.read(id))!;
  });

  return router;
}
