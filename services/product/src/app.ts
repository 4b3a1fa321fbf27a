import {
  checkSidecar,
  createDaprClient,
  createLogger,
  createServiceApp,
  DAPR_COMPONENTS,
  EventPublisher,
  Outbox,
  outboxOptions,
  ServiceMetrics,
  subscriptionRouter,
  openDatabase,
  type SchemaPlan,
  type BuiltService,
} from '@gomall/kit';
import type { DaprClient } from '@dapr/dapr';
import type { ProductConfig } from './config';
import { migrations } from './data/migrations';
import { defineModels } from './data/models';
import { ProductAuditRepository } from './data/audit-repository';
import { ProductReadCache } from './data/product-read-cache';
import { ProductRepository } from './data/product-repository';
import { seeds } from './data/seeds';
import { StockRepository } from './data/stock-repository';
import { orderCancelledSubscription } from './events/order-cancelled';
import { ReservationSweep } from './domain/reservation-sweep';
import { StockMetrics } from './metrics/stock-metrics';
import { adminCatalogRoutes } from './routes/admin-catalog-routes';
import { auditRoutes } from './routes/audit-routes';
import { catalogRoutes } from './routes/catalog-routes';
import { reservationRoutes } from './routes/reservation-routes';

export const SERVICE = 'product';

/** What serve() needs: the app, its logger, and what to close on shutdown. */
export type ProductService = BuiltService;

/** Schema changes (and, unless switched off, the demo catalog) of the product service. */
export const schemaPlan = (config: Pick<ProductConfig, 'SEED_DEMO_CATALOG'>): SchemaPlan => ({
  migrations,
  seeds: config.SEED_DEMO_CATALOG ? seeds : [],
});

/** Wiring only: config → data → routes. Behaviour lives in routes/, domain/, data/. */
export async function createProductService(config: ProductConfig): Promise<ProductService> {
  const logger = createLogger(SERVICE, config.LOG_LEVEL);
  const sequelize = await openDatabase(config, logger, schemaPlan(config));
  const models = defineModels(sequelize);
  const dapr: DaprClient = createDaprClient(config);
  const products = new ProductRepository(
    sequelize,
    models,
    new ProductReadCache(config.CATALOG_CACHE_TTL_MS),
  );
  const outbox = new Outbox(
    sequelize,
    new EventPublisher(dapr, DAPR_COMPONENTS.pubsub),
    logger,
    outboxOptions(config),
  );
  const stock = new StockRepository(
    sequelize,
    outbox,
    config.STOCK_LOW_THRESHOLD,
    config.RESERVATION_TTL_SECONDS,
    () => products.cache.invalidate(),
  );
  const metrics = new ServiceMetrics(SERVICE);
  outbox.observe(metrics);
  const stockMetrics = new StockMetrics(metrics);

  const service = createServiceApp({
    service: SERVICE,
    appToken: config.APP_API_TOKEN,
    logger,
    metrics,
    routers: [
      catalogRoutes(products),
      adminCatalogRoutes(products, stock),
      reservationRoutes(stock, stockMetrics),
      auditRoutes(new ProductAuditRepository(sequelize), sequelize),
      subscriptionRouter([orderCancelledSubscription(stock)], logger),
    ],
    readiness: {
      database: () => sequelize.authenticate(),
      sidecar: () => checkSidecar(config),
    },
  });
  outbox.start();
  const sweep = new ReservationSweep(
    stock,
    stockMetrics,
    logger,
    config.RESERVATION_SWEEP_INTERVAL_MS,
  );
  sweep.start();
  return {
    service,
    logger,
    close: async () => {
      await sweep.stop();
      await outbox.stop();
      await dapr.stop();
      await sequelize.close();
    },
  };
}
