import {
  checkSidecar,
  createDaprClient,
  createLogger,
  createSequelize,
  createServiceApp,
  DAPR_COMPONENTS,
  ensureSchema,
  EventPublisher,
  migrate,
  Outbox,
  ServiceMetrics,
  subscriptionRouter,
  type Logger,
  type ServiceApp,
} from '@gomall/kit';
import type { DaprClient } from '@dapr/dapr';
import type { Sequelize } from 'sequelize';
import type { ProductConfig } from './config';
import { migrations } from './data/migrations';
import { defineModels } from './data/models';
import { ProductRepository } from './data/product-repository';
import { seeds } from './data/seeds';
import { StockRepository } from './data/stock-repository';
import { orderCancelledSubscription } from './events/order-cancelled';
import { StockMetrics } from './metrics/stock-metrics';
import { adminCatalogRoutes } from './routes/admin-catalog-routes';
import { catalogRoutes } from './routes/catalog-routes';
import { reservationRoutes } from './routes/reservation-routes';

export const SERVICE = 'product';

export interface ProductService {
  service: ServiceApp;
  logger: Logger;
  close: () => Promise<void>;
}

/** Schema and demo data; run on start locally, or by the migration Job in Kubernetes. */
export async function prepareDatabase(config: ProductConfig, logger: Logger): Promise<Sequelize> {
  await ensureSchema(config, config.DB_NAME);
  const sequelize = createSequelize(config, config.DB_NAME);
  await migrate(sequelize, migrations, logger);
  if (config.SEED_DEMO_CATALOG) await migrate(sequelize, seeds, logger, 'SequelizeData');
  return sequelize;
}

/** Wiring only: config → data → routes. Behaviour lives in routes/, domain/, data/. */
export async function createProductService(config: ProductConfig): Promise<ProductService> {
  const logger = createLogger(SERVICE, config.LOG_LEVEL);
  const sequelize = config.DB_MIGRATE_ON_START
    ? await prepareDatabase(config, logger)
    : createSequelize(config, config.DB_NAME);
  const models = defineModels(sequelize);
  const dapr: DaprClient = createDaprClient(config);
  const products = new ProductRepository(sequelize, models);
  const outbox = new Outbox(sequelize, new EventPublisher(dapr, DAPR_COMPONENTS.pubsub), logger);
  const stock = new StockRepository(sequelize, outbox, config.STOCK_LOW_THRESHOLD);
  const metrics = new ServiceMetrics(SERVICE);

  const service = createServiceApp({
    service: SERVICE,
    logger,
    metrics,
    routers: [
      catalogRoutes(products),
      adminCatalogRoutes(products, stock),
      reservationRoutes(stock, new StockMetrics(metrics)),
      subscriptionRouter([orderCancelledSubscription(stock)], logger),
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
