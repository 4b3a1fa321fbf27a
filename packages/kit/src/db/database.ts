import mysql from 'mysql2/promise';
import { Sequelize, type Options } from 'sequelize';
import { SequelizeStorage, Umzug, type RunnableMigration } from 'umzug';
import type { Logger } from '../logger';

export interface DatabaseConfig {
  DB_HOST: string;
  DB_PORT: number;
  DB_USER: string;
  DB_PASSWORD: string;
  DB_POOL_MAX: number;
}

// Schema names go into DDL unquoted-by-driver, so they are held to a plain identifier.
const SCHEMA_NAME = /^[A-Za-z0-9_]{1,64}$/;

/** Creates the service's own schema if it is missing (each service owns exactly one). */
export async function ensureSchema(config: DatabaseConfig, schema: string): Promise<void> {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid schema name: ${schema}`);
  const connection = await mysql.createConnection({
    host: config.DB_HOST,
    port: config.DB_PORT,
    user: config.DB_USER,
    password: config.DB_PASSWORD,
  });
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${schema}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await connection.end();
  }
}

export function createSequelize(
  config: DatabaseConfig,
  schema: string,
  extra: Partial<Options> = {},
): Sequelize {
  return new Sequelize(schema, config.DB_USER, config.DB_PASSWORD, {
    dialect: 'mysql',
    host: config.DB_HOST,
    port: config.DB_PORT,
    logging: false,
    pool: { max: config.DB_POOL_MAX, min: 0, idle: 10_000, acquire: 10_000 },
    // Money and counts are integers; keep DATETIME in UTC whatever the server's zone.
    timezone: '+00:00',
    dialectOptions: { dateStrings: false },
    define: { underscored: true },
    ...extra,
  });
}

export type Migration = RunnableMigration<Sequelize>;

/**
 * Applies versioned migrations in order; applied ones are recorded in `table` (schema changes in
 * `SequelizeMeta`, data seeds in a table of their own so a seed also runs exactly once).
 */
export async function migrate(
  sequelize: Sequelize,
  migrations: Migration[],
  logger: Logger,
  table = 'SequelizeMeta',
): Promise<string[]> {
  const umzug = new Umzug<Sequelize>({
    migrations,
    context: sequelize,
    storage: new SequelizeStorage({ sequelize, tableName: table }),
    logger: {
      info: (event) => logger.info({ migration: event }, 'migration'),
      warn: (event) => logger.warn({ migration: event }, 'migration'),
      error: (event) => logger.error({ migration: event }, 'migration'),
      debug: () => undefined,
    },
  });
  const applied = await umzug.up();
  return applied.map((m) => m.name);
}
