import {
  APP_IDS,
  checkSidecar,
  createLogger,
  createServiceApp,
  ServiceInvoker,
  type BuiltService,
} from '@gomall/kit';
import { createSecurity } from './auth/security';
import { AuditReporter } from './clients/audit-reporter';
import { AuthClient } from './clients/auth-client';
import { CartClient } from './clients/cart-client';
import { CheckoutClient } from './clients/checkout-client';
import { OrderClient } from './clients/order-client';
import { ProductClient } from './clients/product-client';
import { UserClient } from './clients/user-client';
import type { GatewayConfig } from './config';
import { publicApi } from './routes/api-router';

export const SERVICE = 'gateway';

/** What serve() needs: the app, its logger, and what to close on shutdown. */
export type GatewayService = BuiltService;

/** Wiring only: one typed client per callee, built once, handed to the routes. */
export function createGatewayService(config: GatewayConfig): GatewayService {
  const logger = createLogger(SERVICE, config.LOG_LEVEL);
  const security = createSecurity(config, logger);
  const users = new UserClient(new ServiceInvoker(config, APP_IDS.user));
  const clients = {
    products: new ProductClient(new ServiceInvoker(config, APP_IDS.product)),
    orders: new OrderClient(new ServiceInvoker(config, APP_IDS.order)),
    users,
    auth: new AuthClient(new ServiceInvoker(config, APP_IDS.auth)),
    carts: new CartClient(new ServiceInvoker(config, APP_IDS.cart)),
    checkout: new CheckoutClient(new ServiceInvoker(config, APP_IDS.checkout)),
    loginThrottle: security.loginThrottle,
    auditReporter: new AuditReporter(users, logger),
  };
  const service = createServiceApp({
    service: SERVICE,
    // The public entry: its callers prove themselves with access tokens, not the app token.
    appToken: null,
    logger,
    before: security.middleware,
    routers: [publicApi(clients).router],
    requestTimeoutMs: (ctx) =>
      ctx.method === 'GET' || ctx.method === 'HEAD'
        ? config.REQUEST_TIMEOUT_MS
        : config.WRITE_TIMEOUT_MS,
    readiness: { sidecar: () => checkSidecar(config), redis: security.ready },
  });
  return {
    service,
    logger,
    close: () => {
      security.close();
      return Promise.resolve();
    },
  };
}
