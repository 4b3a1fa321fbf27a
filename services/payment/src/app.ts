import {
  checkSidecar,
  createDaprClient,
  createLogger,
  createServiceApp,
  DAPR_COMPONENTS,
  EventPublisher,
  APP_IDS,
  ServiceInvoker,
  Outbox,
  outboxOptions,
  ServiceMetrics,
  subscriptionRouter,
  openDatabase,
  type SchemaPlan,
  type BuiltService,
} from '@gomall/kit';
import { OrderClient } from './clients/order-client';
import type { PaymentConfig } from './config';
import { migrations } from './data/migrations';
import { PaymentAuditRepository } from './data/audit-repository';
import { PaymentRepository } from './data/payment-repository';
import { Payments } from './domain/payments';
import { orderCancelledSubscription } from './events/order-cancelled';
import { PaymentMetrics } from './metrics/payment-metrics';
import { auditRoutes } from './routes/audit-routes';
import { paymentRoutes } from './routes/payment-routes';

export const SERVICE = 'payment';

/** What serve() needs: the app, its logger, and what to close on shutdown. */
export type PaymentService = BuiltService;

/** The payment service's schema changes, applied on start locally or by the migration Job. */
export const schemaPlan = (): SchemaPlan => ({ migrations });

/** Wiring only: config → data → routes. */
export async function createPaymentService(config: PaymentConfig): Promise<PaymentService> {
  const logger = createLogger(SERVICE, config.LOG_LEVEL);
  const sequelize = await openDatabase(config, logger, schemaPlan());
  const dapr = createDaprClient(config);
  const metrics = new ServiceMetrics(SERVICE);
  const outbox = new Outbox(
    sequelize,
    new EventPublisher(dapr, DAPR_COMPONENTS.pubsub),
    logger,
    outboxOptions(config, { inbox: true }),
  );
  outbox.observe(metrics);
  const payments = new Payments(
    new PaymentRepository(sequelize, outbox),
    new PaymentMetrics(metrics),
  );

  const service = createServiceApp({
    service: SERVICE,
    appToken: config.APP_API_TOKEN,
    logger,
    metrics,
    routers: [
      paymentRoutes(payments),
      auditRoutes(new PaymentAuditRepository(sequelize), sequelize),
      subscriptionRouter(
        [
          orderCancelledSubscription(
            sequelize,
            payments,
            new OrderClient(new ServiceInvoker(dapr, APP_IDS.order)),
            logger,
          ),
        ],
        logger,
      ),
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
