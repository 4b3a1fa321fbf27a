import type { Sequelize } from 'sequelize';
import type { Logger } from '../logger';
import {
  createSequelize,
  ensureSchema,
  migrate,
  type DatabaseConfig,
  type Migration,
} from './database';

export interface ServiceDatabaseConfig extends DatabaseConfig {
  DB_NAME: string;
  /** Local runs migrate on start; in Kubernetes the migration Job does it before the rollout. */
  DB_MIGRATE_ON_START: boolean;
}

/** A service's schema changes, and the data seeds that run once after them. */
export interface SchemaPlan {
  migrations: Migration[];
  seeds?: Migration[];
}

/** Creates the service's schema if missing, then applies its migrations and seeds. */
export async function prepareDatabase(
  config: ServiceDatabaseConfig,
  logger: Logger,
  plan: SchemaPlan,
): Promise<Sequelize> {
  await ensureSchema(config, config.DB_NAME);
  const sequelize = createSequelize(config, config.DB_NAME);
  await migrate(sequelize, plan.migrations, logger);
  if (plan.seeds?.length) await migrate(sequelize, plan.seeds, logger, 'SequelizeData');
  return sequelize;
}

/** The service's connection pool, migrated first when DB_MIGRATE_ON_START says so. */
export function openDatabase(
  config: ServiceDatabaseConfig,
  logger: Logger,
  plan: SchemaPlan,
): Promise<Sequelize> {
  return config.DB_MIGRATE_ON_START
    ? prepareDatabase(config, logger, plan)
    : Promise.resolve(createSequelize(config, config.DB_NAME));
}
