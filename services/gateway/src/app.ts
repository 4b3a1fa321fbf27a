import {
  APP_IDS,
  checkSidecar,
  createDaprClient,
  createLogger,
  createServiceApp,
  ServiceInvoker,
  type Logger,
  type ServiceApp,
} from '@gomall/kit';
import { ProductClient } from './clients/product-client';
import type { GatewayConfig } from './config';
import { apiRouter } from './routes/api-router';

export const SERVICE = 'gateway';

export interface GatewayService {
  service: ServiceApp;
  logger: Logger;
  close: () => Promise<void>;
}

/** Wiring only: one typed client per callee, built once, handed to the routes. */
export function createGatewayService(config: GatewayConfig): GatewayService {
  const logger = createLogger(SERVICE, config.LOG_LEVEL);
  const dapr = createDaprClient(config);
  const clients = { products: new ProductClient(new ServiceInvoker(dapr, APP_IDS.product)) };
  const service = createServiceApp({
    service: SERVICE,
    logger,
    routers: [apiRouter(clients)],
    readiness: { sidecar: () => checkSidecar(config) },
  });
  return { service, logger, close: () => dapr.stop() };
}
