import { databaseServiceConfigShape, loadConfig, migrationShape } from '@gomall/kit';
import { outboxConfigShape } from '@gomall/kit/db';
import { z } from 'zod';

const orderConfigShape = {
  ...databaseServiceConfigShape('order'),
  ...outboxConfigShape,
  /** A pending order older than this is cancelled by the sweep and its stock released. */
  RESERVATION_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  /** At most this many expired orders per sweep run; the next run takes the rest. */
  SWEEP_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
};

export type OrderConfig = ReturnType<typeof loadOrderConfig>;
export const loadOrderConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig(orderConfigShape, env);

/** What the migration Job (migrate.ts) reads: the database settings only. */
export const loadOrderMigrationConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig(migrationShape(orderConfigShape), env);
