import Router from '@koa/router';
import type { LoginThrottle } from '../auth/login-throttle';
import type { AuditReporter } from '../clients/audit-reporter';
import type { AuthClient } from '../clients/auth-client';
import type { CartClient } from '../clients/cart-client';
import type { CheckoutClient } from '../clients/checkout-client';
import type { OrderClient } from '../clients/order-client';
import type { ProductClient } from '../clients/product-client';
import type { UserClient } from '../clients/user-client';
import { authRoutes } from './auth-routes';
import { openApiDocument } from '../openapi/document';
import { cartRoutes } from './cart-routes';
import { adminCatalogRoutes } from './admin-catalog-routes';
import { adminOpsRoutes } from './admin-ops-routes';
import { adminUserRoutes } from './admin-user-routes';
import { catalogRoutes } from './catalog-routes';
import { orderRoutes } from './order-routes';
import { checkoutRoutes } from './checkout-routes';
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

/** Every public route under /api/v1; each area's routes live in their own module. */
export function apiRouter(clients: ApiClients): Router {
  const api = new Router({ prefix: API_PREFIX });
  api.get('/openapi.json', (ctx) => {
    ctx.body = openApiDocument;
  });
  api.use(catalogRoutes(clients.products).routes());
  api.use(adminCatalogRoutes(clients.products).routes());
  api.use(orderRoutes(clients.orders, clients.auditReporter).routes());
  api.use(authRoutes(clients.users, clients.auth, clients.loginThrottle).routes());
  api.use(userRoutes(clients.users, clients.auth).routes());
  api.use(cartRoutes(clients.carts).routes());
  api.use(checkoutRoutes(clients.checkout).routes());
  api.use(adminOpsRoutes(clients.checkout, clients.auditReporter).routes());
  api.use(adminUserRoutes(clients.users, clients.auth).routes());
  return api;
}
