import {
  checkSidecar,
  createLogger,
  createServiceApp,
  ServiceInvoker,
  type BuiltService,
} from '@gomall/kit';
import { GatewayClient } from './clients/gateway-client';
import type { WebConfig } from './config';
import { ShopperCarts } from './domain/shopper-cart';
import { htmlErrors } from './http/html-errors';
import { httpsOnly } from './http/https-only';
import { pageState } from './http/page-state';
import { securityHeaders } from './http/security-headers';
import { accountRoutes } from './routes/account-routes';
import { adminRoutes } from './routes/admin-routes';
import { adminUserRoutes } from './routes/admin-user-routes';
import { assetRoutes } from './routes/asset-routes';
import { cartRoutes } from './routes/cart-routes';
import { catalogRoutes } from './routes/catalog-routes';
import { checkoutRoutes } from './routes/checkout-routes';
import { orderRoutes } from './routes/order-routes';
import { RefreshFlights } from './session/refresh-flight';

export const SERVICE = 'web';

/** What serve() needs: the app, its logger, and what to close on shutdown. */
export type WebService = BuiltService;

/**
 * Wiring only: the public API through web's sidecar (the gateway's app id), the page middleware
 * (security headers, HTTPS only, cookies and session, HTML errors) and the page routes.
 */
export function createWebService(config: WebConfig): WebService {
  const logger = createLogger(SERVICE, config.LOG_LEVEL);
  const api = new GatewayClient(
    new ServiceInvoker(config, config.GATEWAY_APP_ID),
    config.API_PREFIX,
  );
  const carts = new ShopperCarts(api);

  const service = createServiceApp({
    service: SERVICE,
    logger,
    // The public storefront: the ingress calls it, not a sidecar (no app token).
    appToken: null,
    before: [
      securityHeaders(config.secureCookies),
      httpsOnly(config.secureCookies),
      pageState(api, new RefreshFlights(), config.secureCookies, config.TRUSTED_PROXY_HOPS),
      htmlErrors(logger),
    ],
    routers: [
      assetRoutes(),
      catalogRoutes(api),
      cartRoutes(carts),
      accountRoutes(api, carts),
      checkoutRoutes(api, carts),
      orderRoutes(api),
      adminRoutes(api),
      adminUserRoutes(api),
    ],
    readiness: { sidecar: () => checkSidecar(config) },
  });
  // Koa signs cookies with these keys (the first signs, all verify).
  service.app.keys = config.COOKIE_KEYS;
  return { service, logger, close: () => Promise.resolve() };
}
