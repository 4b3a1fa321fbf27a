import { APP_IDS, ServiceInvoker, subscriptionRouter, type BuiltService } from '@gomall/kit';
import { auditRoutes, DatabaseService, type SchemaPlan } from '@gomall/kit/db';
import { OrderClient } from './clients/order-client';
import type { PaymentConfig } from './config';
import { migrations } from './data/migrations';
import { PaymentAuditRepository } from './data/audit-repository';
import { PaymentRepository } from './data/payment-repository';
import { Payments } from './domain/payments';
import { orderCancelledSubscription } from './events/order-cancelled';
import { PaymentMetrics } from './metrics/payment-metrics';
import { paymentRoutes } from './routes/payment-routes';

export const SERVICE = 'payment';

/** What serve() needs: the app, its logger, and what to close on shutdown. */
export type PaymentService = BuiltService;

/** The payment service's schema changes, applied on start locally or by the migration Job. */
export const schemaPlan = (): SchemaPlan => ({ migrations });

/** Wiring only: config → data → routes. */
export async function createPaymentService(config: PaymentConfig): Promise<PaymentService> {
  const base = await DatabaseService.open(SERVICE, config, schemaPlan());
  const { logger, metrics, sequelize, sidecar } = base;
  const payments = new Payments(
    new PaymentRepository(sequelize, base.outbox(config, { inbox: true })),
    new PaymentMetrics(metrics),
  );

  const service = base.app({
    routers: [
      paymentRoutes(payments),
      auditRoutes(new PaymentAuditRepository(sequelize), sequelize),
      subscriptionRouter(
        [
          orderCancelledSubscription(
            sequelize,
            payments,
            new OrderClient(new ServiceInvoker(sidecar, APP_IDS.order)),
            logger,
          ),
        ],
        logger,
      ),
    ],
  });
  return base.serving(service);
}
