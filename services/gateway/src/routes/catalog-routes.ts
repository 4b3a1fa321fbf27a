import {
  catalogQuerySchema,
  categoryListSchema,
  productIdList,
  productIdParamsSchema,
  productPageSchema,
  productSchema,
} from '@gomall/contracts';
import { validationFailed } from '@gomall/kit';
import type { ProductClient } from '../clients/product-client';
import { ApiRoutes, type Answer } from '../openapi/operation';
import { cacheableRead } from './cacheable';
import { z } from 'zod';

/** Catalog reads carry an ETag and Cache-Control; a matching If-None-Match gets a 304. */
const CACHE_HEADERS: Answer['headers'] = {
  ETag: { description: 'A strong validator of this body', schema: z.string() },
  'Cache-Control': { description: '`public, max-age=5`', schema: z.string() },
};
const NOT_MODIFIED: Answer = {
  description: 'Not modified: the If-None-Match ETag is still current (no body)',
};

/** The list's parameters, which the batch get's `ids` stands without. */
const LIST_PARAMETERS = ['page', 'pageSize', 'category', 'q', 'sort'] as const;

/** `GET /products`: the list's query, and `ids` for the batch get. */
const listOrBatchQuerySchema = catalogQuerySchema.extend({ ids: productIdList.optional() });

/** Public, anonymous catalog reads: cacheable (ETag, Cache-Control, 304), see cacheable.ts. */
export function catalogRoutes(products: ProductClient): ApiRoutes {
  const routes = new ApiRoutes();
  const cacheable = cacheableRead();

  routes.add(
    {
      method: 'get',
      path: '/products',
      operationId: 'listProducts',
      tags: ['catalog'],
      summary: 'A page of products, or the products with the given ids',
      description:
        'With `ids` (a batch get, at most 100, not combined with the other parameters) the ' +
        'answer is one page holding those products in the order asked: ids that are unknown or ' +
        'deleted are left out, a repeated id counts once; `pageSize` is the number of distinct ' +
        'ids asked and `total` the number found.',
      access: 'public',
      query: listOrBatchQuerySchema,
      use: [cacheable],
      answers: {
        200: {
          description: 'A page of products',
          headers: CACHE_HEADERS,
          schema: productPageSchema,
        },
        304: NOT_MODIFIED,
      },
    },
    async (ctx, { query: { ids, ...query } }) => {
      if (!ids) {
        ctx.body = await products.listJson(query);
        return;
      }
      // As sent: the list's parameters have defaults once parsed.
      const beside = LIST_PARAMETERS.filter((name) => ctx.query[name] !== undefined);
      if (beside.length > 0) {
        throw validationFailed('Invalid request query', [
          { path: 'query.ids', message: `ids cannot be combined with ${beside.join(', ')}` },
        ]);
      }
      ctx.body = await products.batchJson(ids);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/products/:id',
      operationId: 'getProduct',
      tags: ['catalog'],
      summary: 'One product',
      access: 'public',
      params: productIdParamsSchema,
      use: [cacheable],
      answers: {
        200: { description: 'The product', headers: CACHE_HEADERS, schema: productSchema },
        304: NOT_MODIFIED,
      },
      errors: { 404: true },
    },
    async (ctx, { params }) => {
      ctx.body = await products.getJson(params.id);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/categories',
      operationId: 'listCategories',
      tags: ['catalog'],
      summary: 'Every category with its product count',
      access: 'public',
      use: [cacheable],
      answers: {
        200: { description: 'Categories', headers: CACHE_HEADERS, schema: categoryListSchema },
        304: NOT_MODIFIED,
      },
    },
    async (ctx) => {
      ctx.body = await products.categoriesJson();
    },
  );

  return routes;
}
