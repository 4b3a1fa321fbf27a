import { subscriptionRouter, type BuiltService } from '@gomall/kit';
import { auditRoutes, DatabaseService, type SchemaPlan } from '@gomall/kit/db';
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
  const base = await DatabaseService.open(SERVICE, config, schemaPlan(config));
  const { logger, metrics, sequelize } = base;
  const models = defineModels(sequelize);
  const products = new ProductRepository(
    sequelize,
    models,
    new ProductReadCache(config.CATALOG_CACHE_TTL_MS),
  );
  const stock = new StockRepository(
    sequelize,
    base.outbox(config),
    config.STOCK_LOW_THRESHOLD,
    config.RESERVATION_TTL_SECONDS,
    () => products.cache.invalidate(),
  );
  const stockMetrics = new StockMetrics(metrics);

  const service = base.app({
    routers: [
      catalogRoutes(products),
      adminCatalogRoutes(products, stock),
      reservationRoutes(stock, stockMetrics),
      auditRoutes(new ProductAuditRepository(sequelize), sequelize),
      subscriptionRouter([orderCancelledSubscription(stock)], logger),
    ],
  });
  const sweep = new ReservationSweep(
    stock,
    stockMetrics,
    logger,
    config.RESERVATION_SWEEP_INTERVAL_MS,
  );
  sweep.start();
  return base.serving(service, [() => sweep.stop()]);
}
