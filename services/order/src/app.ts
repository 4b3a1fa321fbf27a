import {
  APP_IDS,
  checkSidecar,
  createDaprClient,
  createLogger,
  createServiceApp,
  DAPR_COMPONENTS,
  EventPublisher,
  Outbox,
  outboxOptions,
  ServiceInvoker,
  ServiceMetrics,
  openDatabase,
  type SchemaPlan,
  type BuiltService,
} from '@gomall/kit';
import { PaymentClient } from './clients/payment-client';
import { ProductClient } from './clients/product-client';
import type { OrderConfig } from './config';
import { migrations } from './data/migrations';
import { OrderRepository } from './data/order-repository';
import { Orders } from './domain/orders';
import { OrderMetrics } from './metrics/order-metrics';
import { OrderAuditRepository } from './data/audit-repository';
import { adminOrderRoutes } from './routes/admin-order-routes';
import { auditRoutes } from './routes/audit-routes';
import { orderRoutes } from './routes/order-routes';
import { sweepRoutes } from './routes/sweep-routes';

export const SERVICE = 'order';

/** What serve() needs: the app, its logger, and what to close on shutdown. */
export type OrderService = BuiltService;

/** The order service's schema changes, applied on start locally or by the migration Job. */
export const schemaPlan = (): SchemaPlan => ({ migrations });

/** Wiring only: config → data → clients → routes. */
export async function createOrderService(config: OrderConfig): Promise<OrderService> {
  const logger = createLogger(SERVICE, config.LOG_LEVEL);
  const sequelize = await openDatabase(config, logger, schemaPlan());
  const dapr = createDaprClient(config);
  const metrics = new ServiceMetrics(SERVICE);
  const outbox = new Outbox(
    sequelize,
    new EventPublisher(dapr, DAPR_COMPONENTS.pubsub),
    logger,
    outboxOptions(config),
  );
  outbox.observe(metrics);
  const orders = new Orders(
    new OrderRepository(sequelize, outbox),
    new ProductClient(new ServiceInvoker(dapr, APP_IDS.product)),
    new PaymentClient(new ServiceInvoker(dapr, APP_IDS.payment)),
    new OrderMetrics(metrics),
    logger,
    config.RESERVATION_WINDOW_SECONDS,
    config.SWEEP_BATCH_SIZE,
  );

  const service = createServiceApp({
    service: SERVICE,
    appToken: config.APP_API_TOKEN,
    logger,
    metrics,
    routers: [
      orderRoutes(orders),
      adminOrderRoutes(orders),
      sweepRoutes(orders),
      auditRoutes(new OrderAuditRepository(sequelize), sequelize),
    ],
    readiness: {
      database: () => sequelize.authenticate(),
      sidecar: () => checkSidecar(config),
    },
  });
  outbox.start();
  return {
    service,
    logger,
    close: async () => {
      await outbox.stop();
      await dapr.stop();
      await sequelize.close();
    },
  };
}
