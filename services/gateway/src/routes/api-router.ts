import Router from '@koa/router';
import { z } from 'zod';
import type { LoginThrottle } from '../auth/login-throttle';
import type { AuditReporter } from '../clients/audit-reporter';
import type { AuthClient } from '../clients/auth-client';
import type { CartClient } from '../clients/cart-client';
import type { CheckoutClient } from '../clients/checkout-client';
import type { OrderClient } from '../clients/order-client';
import type { ProductClient } from '../clients/product-client';
import type { UserClient } from '../clients/user-client';
import { openApiDocument } from '../openapi/document';
import { ApiRoutes, type Operation } from '../openapi/operation';
import { adminCatalogRoutes } from './admin-catalog-routes';
import { adminOpsRoutes } from './admin-ops-routes';
import { adminUserRoutes } from './admin-user-routes';
import { authRoutes } from './auth-routes';
import { cartRoutes } from './cart-routes';
import { catalogRoutes } from './catalog-routes';
import { checkoutRoutes } from './checkout-routes';
import { orderRoutes } from './order-routes';
import { userRoutes } from './user-routes';

export const API_PREFIX = '/api/v1';

export interface ApiClients {
  products: ProductClient;
  orders: OrderClient;
  users: UserClient;
  auth: AuthClient;
  carts: CartClient;
  checkout: CheckoutClient;
  /** Not a client: the failed-login budget per email the login route consults. */
  loginThrottle: LoginThrottle;
  /** Records admin actions of other services in the admin audit log (the user service's). */
  auditReporter: AuditReporter;
}

interface PublicApi {
  router: Router;
  /** Every operation as its route declared it, the document's source. */
  operations: Operation[];
  /** The OpenAPI document served at GET /api/v1/openapi.json. */
  document: ReturnType<typeof openApiDocument>;
}

/** The document's own route: answered by the gateway, no service called. */
function metaRoutes(document: () => unknown): ApiRoutes {
  const routes = new ApiRoutes();
  routes.add(
    {
      method: 'get',
      path: '/openapi.json',
      operationId: 'getOpenApi',
      tags: ['meta'],
      summary: 'This document',
      access: 'public',
      local: true,
      answers: {
        200: {
          description: 'OpenAPI 3.1 document',
          schema: z.looseObject({
            openapi: z.literal('3.1.0'),
            paths: z.record(z.string(), z.unknown()),
          }),
        },
      },
    },
    (ctx) => {
      ctx.body = document();
    },
  );
  return routes;
}

/**
 * Every public route under /api/v1, each area's in its own module, and the OpenAPI document built
 * from their declarations.
 */
export function publicApi(clients: ApiClients): PublicApi {
  // The document's route serves the document built from every area, its own included.
  const served: { document?: PublicApi['document'] } = {};
  const areas = [
    metaRoutes(() => served.document),
    catalogRoutes(clients.products),
    adminCatalogRoutes(clients.products),
    orderRoutes(clients.orders, clients.auditReporter),
    authRoutes(clients.users, clients.auth, clients.loginThrottle),
    userRoutes(clients.users, clients.auth),
    cartRoutes(clients.carts),
    checkoutRoutes(clients.checkout),
    adminOpsRoutes(clients.checkout, clients.auditReporter),
    adminUserRoutes(clients.users, clients.auth),
  ];
  const router = new Router({ prefix: API_PREFIX });
  for (const area of areas) router.use(area.router.routes());
  const operations = areas.flatMap((area) => area.operations);
  served.document = openApiDocument(operations);
  return { router, operations, document: served.document };
}
