import { databaseServiceConfigShape, loadConfig, migrationShape } from '@gomall/kit';
import { outboxConfigShape } from '@gomall/kit/db';
import { z } from 'zod';

const productConfigShape = {
  ...databaseServiceConfigShape('product'),
  ...outboxConfigShape,
  SEED_DEMO_CATALOG: z.stringbool().default(true),
  /** `stock.low` is published when a product's available stock falls to this many units. */
  STOCK_LOW_THRESHOLD: z.coerce.number().int().min(0).default(5),
  /**
   * A reservation not committed within this many seconds is released by the sweep. Longer than
   * the order service's reservation window (900 s), which cancels pending orders first; this
   * catches reservations whose order was never created.
   */
  RESERVATION_TTL_SECONDS: z.coerce.number().int().min(1).default(1800),
  /**
   * How long catalog reads (a product by id, a list page, the categories) may answer from the
   * in-process read cache. This replica's own writes empty it at once; another replica's price
   * or stock change shows after at most this long. Checkouts never read it. 0 switches it off.
   */
  CATALOG_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** How often the expired-reservation sweep runs. */
  RESERVATION_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
};

export type ProductConfig = ReturnType<typeof loadProductConfig>;
export const loadProductConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig(productConfigShape, env);

/** What the migration Job (migrate.ts) reads: the database settings only. */
export const loadProductMigrationConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig(migrationShape(productConfigShape, ['SEED_DEMO_CATALOG']), env);
