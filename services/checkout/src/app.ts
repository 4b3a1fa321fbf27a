import { APP_IDS, ServiceInvoker, type Logger, type ServiceApp } from '@gomall/kit';
import { DatabaseService, type SchemaPlan } from '@gomall/kit/db';
import { CartClient } from './clients/cart-client';
import { OrderClient } from './clients/order-client';
import { PaymentClient } from './clients/payment-client';
import { ProductClient } from './clients/product-client';
import type { CheckoutConfig } from './config';
import { IdempotencyRepository } from './data/idempotency-repository';
import { migrations } from './data/migrations';
import { defineModels } from './data/models';
import { SagaRepository } from './data/saga-repository';
import { CheckoutFlow } from './domain/checkout-flow';
import { faultSwitch } from './fault';
import { CheckoutMetrics } from './metrics';
import { MallAudit } from './audit/mall-audit';
import { adminSagaRoutes } from './routes/admin-saga-routes';
import { auditRoutes } from './routes/audit-routes';
import { checkoutRoutes } from './routes/checkout-routes';
import { CHECKOUT_STEPS } from './saga/checkout-steps';
import { SagaRecovery } from './saga/recovery';
import { SagaRunner } from './saga/saga-runner';

export const SERVICE = 'checkout';

export interface CheckoutService {
  service: ServiceApp;
  logger: Logger;
  /** Starts the recovery sweep (after the server listens). */
  startRecovery: () => void;
  close: () => Promise<void>;
}

/** The checkout service's schema changes, applied on start locally or by the migration Job. */
export const schemaPlan = (): SchemaPlan => ({ migrations });

/** Wiring only: config → data → clients → saga → routes. */
export async function createCheckoutService(config: CheckoutConfig): Promise<CheckoutService> {
  const base = await DatabaseService.open(SERVICE, config, schemaPlan());
  const { logger, metrics, sequelize, sidecar } = base;
  const models = defineModels(sequelize);
  const sagas = new SagaRepository(sequelize, models, config.SAGA_LEASE_MS);
  const checkoutMetrics = new CheckoutMetrics(metrics, () => sagas.countStuck());

  const services = {
    products: new ProductClient(new ServiceInvoker(sidecar, APP_IDS.product)),
    orders: new OrderClient(new ServiceInvoker(sidecar, APP_IDS.order)),
    payments: new PaymentClient(new ServiceInvoker(sidecar, APP_IDS.payment)),
    carts: new CartClient(new ServiceInvoker(sidecar, APP_IDS.cart)),
  };
  const keys = new IdempotencyRepository(sequelize, models);
  const fault = faultSwitch(
    config.GOMALL_FAULT_CRASH_AFTER,
    config.GOMALL_FAULT_CRASH_USER,
    logger,
  );
  const runner = new SagaRunner(CHECKOUT_STEPS, sagas, services, checkoutMetrics, fault, logger, {
    renewEveryMs: Math.max(50, Math.floor(config.SAGA_LEASE_MS / 3)),
  });
  const flow = new CheckoutFlow(
    keys,
    runner,
    sagas,
    { waitMs: config.IDEMPOTENCY_WAIT_MS },
    logger,
  );
  const recovery = new SagaRecovery(sagas, runner, services.payments, checkoutMetrics, logger, {
    intervalMs: config.RECOVERY_INTERVAL_MS,
    maxAttempts: config.SAGA_MAX_ATTEMPTS,
  });

  const audit = new MallAudit(services, sagas, {
    sagaDeadlineSeconds: config.AUDIT_SAGA_DEADLINE_SECONDS,
    outboxDeadlineSeconds: config.AUDIT_OUTBOX_DEADLINE_SECONDS,
    reservationGraceSeconds: config.AUDIT_RESERVATION_GRACE_SECONDS,
  });

  const service = base.app({
    routers: [checkoutRoutes(flow), adminSagaRoutes(sagas), auditRoutes(audit)],
  });
  return {
    ...base.serving(service, [() => recovery.stop()]),
    startRecovery: () => recovery.start(),
  };
}
