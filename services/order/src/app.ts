import { APP_IDS, ServiceInvoker, type BuiltService } from '@gomall/kit';
import { auditRoutes, DatabaseService, type SchemaPlan } from '@gomall/kit/db';
import { PaymentClient } from './clients/payment-client';
import { ProductClient } from './clients/product-client';
import type { OrderConfig } from './config';
import { migrations } from './data/migrations';
import { OrderRepository } from './data/order-repository';
import { Orders } from './domain/orders';
import { OrderMetrics } from './metrics/order-metrics';
import { OrderAuditRepository } from './data/audit-repository';
import { adminOrderRoutes } from './routes/admin-order-routes';
import { orderRoutes } from './routes/order-routes';
import { sweepRoutes } from './routes/sweep-routes';

export const SERVICE = 'order';

/** What serve() needs: the app, its logger, and what to close on shutdown. */
export type OrderService = BuiltService;

/** The order service's schema changes, applied on start locally or by the migration Job. */
export const schemaPlan = (): SchemaPlan => ({ migrations });

/** Wiring only: config → data → clients → routes. */
export async function createOrderService(config: OrderConfig): Promise<OrderService> {
  const base = await DatabaseService.open(SERVICE, config, schemaPlan());
  const { logger, metrics, sequelize, sidecar } = base;
  const orders = new Orders(
    new OrderRepository(sequelize, base.outbox(config)),
    new ProductClient(new ServiceInvoker(sidecar, APP_IDS.product)),
    new PaymentClient(new ServiceInvoker(sidecar, APP_IDS.payment)),
    new OrderMetrics(metrics),
    logger,
    config.RESERVATION_WINDOW_SECONDS,
    config.SWEEP_BATCH_SIZE,
  );

  const service = base.app({
    routers: [
      orderRoutes(orders),
      adminOrderRoutes(orders),
      sweepRoutes(orders),
      auditRoutes(new OrderAuditRepository(sequelize), sequelize),
    ],
  });
  return base.serving(service);
}
