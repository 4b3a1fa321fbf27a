import {
  APP_IDS,
  checkSidecar,
  createLogger,
  createServiceApp,
  ServiceInvoker,
  subscriptionRouter,
  type BuiltService,
} from '@gomall/kit';
import { ProductClient } from './clients/product-client';
import type { CartConfig } from './config';
import { CartStore, DaprVersionedStore } from './data/cart-store';
import { userDeletedSubscription } from './events/user-deleted';
import { cartRoutes } from './routes/cart-routes';

export const SERVICE = 'cart';

/** What serve() needs: the app, its logger, and what to close on shutdown. */
export type CartService = BuiltService;

/** Wiring only: the state store, the product client, routes and the user.deleted subscriber. */
export function createCartService(config: CartConfig): CartService {
  const logger = createLogger(SERVICE, config.LOG_LEVEL);
  const carts = new CartStore(new DaprVersionedStore(config), config.CART_WRITE_ATTEMPTS);
  const products = new ProductClient(new ServiceInvoker(config, APP_IDS.product));

  const service = createServiceApp({
    service: SERVICE,
    appToken: config.APP_API_TOKEN,
    logger,
    routers: [
      cartRoutes(carts, products),
      subscriptionRouter([userDeletedSubscription(carts)], logger),
    ],
    readiness: {
      sidecar: () => checkSidecar(config),
      stateStore: async () => {
        await carts.get('readiness-probe');
      },
    },
  });
  return { service, logger, close: () => Promise.resolve() };
}
