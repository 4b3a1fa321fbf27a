import {
  createProductBodySchema,
  productIdParamsSchema,
  productSchema,
  setStockBodySchema,
  updateProductBodySchema,
} from '@gomall/contracts';
import type { ProductClient } from '../clients/product-client';
import { ApiRoutes } from '../openapi/operation';

/** The admin catalog: admins only (401 without a token, 403 without the role). */
export function adminCatalogRoutes(products: ProductClient): ApiRoutes {
  const routes = new ApiRoutes();

  routes.add(
    {
      method: 'post',
      path: '/admin/products',
      operationId: 'createProduct',
      tags: ['admin'],
      summary: 'Add a product (admin)',
      access: 'admin',
      body: createProductBodySchema,
      answers: { 201: { description: 'The new product', schema: productSchema } },
    },
    async (ctx, { body }) => {
      ctx.body = await products.create(body);
      ctx.status = 201;
    },
  );

  routes.add(
    {
      method: 'patch',
      path: '/admin/products/:id',
      operationId: 'updateProduct',
      tags: ['admin'],
      summary: 'Change a product (admin)',
      access: 'admin',
      params: productIdParamsSchema,
      body: updateProductBodySchema,
      answers: { 200: { description: 'The product', schema: productSchema } },
      errors: { 404: true },
    },
    async (ctx, { params, body }) => {
      ctx.body = await products.update(params.id, body);
    },
  );

  routes.add(
    {
      method: 'delete',
      path: '/admin/products/:id',
      operationId: 'deleteProduct',
      tags: ['admin'],
      summary: 'Remove a product from the catalog (admin); existing orders keep their lines',
      access: 'admin',
      params: productIdParamsSchema,
      answers: { 204: { description: 'Deleted' } },
      errors: { 404: true },
    },
    async (ctx, { params }) => {
      await products.remove(params.id);
      ctx.status = 204;
    },
  );

  routes.add(
    {
      method: 'put',
      path: '/admin/products/:id/stock',
      operationId: 'setProductStock',
      tags: ['admin'],
      summary: 'Set the on-hand stock of a product (admin)',
      access: 'admin',
      params: productIdParamsSchema,
      body: setStockBodySchema,
      answers: { 200: { description: 'The product', schema: productSchema } },
      errors: { 404: true, 409: true },
    },
    async (ctx, { params, body }) => {
      ctx.body = await products.setStock(params.id, body.stock);
    },
  );

  return routes;
}
