import Router from '@koa/router';
import type { ProductClient } from '../clients/product-client';
import { openApiDocument } from '../openapi/document';
import { catalogRoutes } from './catalog-routes';

export const API_PREFIX = '/api/v1';

export interface ApiClients {
  products: ProductClient;
}

/** Every public route under /api/v1; each area's routes live in their own module. */
export function apiRouter(clients: ApiClients): Router {
  const api = new Router({ prefix: API_PREFIX });
  api.get('/openapi.json', (ctx) => {
    ctx.body = openApiDocument;
  });
  api.use(catalogRoutes(clients.products).routes());
  return api;
}
