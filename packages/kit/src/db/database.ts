import mysql from 'mysql2/promise';
import { Sequelize, type Options, type Transaction } from 'sequelize';
import type { RunnableMigration } from 'umzug';
import type { Logger } from '../logger';

export interface DatabaseConfig {
  DB_HOST: string;
  DB_PORT: number;
  DB_USER: string;
  DB_PASSWORD: string;
  DB_POOL_MAX: number;
  /** MariaDB aborts a statement that runs longer (max_statement_time, per session). */
  DB_STATEMENT_TIMEOUT_MS?: number;
  /** A new connection must finish its handshake within this; a pooled one be handed out too. */
  DB_CONNECT_TIMEOUT_MS?: number;
}

const DEFAULT_STATEMENT_TIMEOUT_MS = 5000;
const DEFAULT_CONNECT_TIMEOUT_MS = 2000;
/** The client gives up this long after the server should have: the server itself is hung. */
const CLIENT_GRACE_MS = 1000;

type Callback = (error: Error | null, result?: unknown) => void;
interface RawConnection {
  query(options: unknown, values?: unknown, callback?: Callback): unknown;
  execute(options: unknown, values?: unknown, callback?: Callback): unknown;
  destroy(): void;
}

/**
 * Deadlines on a raw mysql2 connection, set when the pool opens it: MariaDB aborts a statement
 * after `statementMs` (and a lock wait after as long, in whole seconds); the client abandons a
 * query that got no answer `CLIENT_GRACE_MS` later — the server is hung (SIGSTOP, a frozen disk)
 * — and destroys that connection so the pool opens a fresh one instead of queueing behind it.
 */
async function boundConnection(connection: RawConnection, statementMs: number): Promise<void> {
  const clientMs = statementMs + CLIENT_GRACE_MS;
  for (const name of ['query', 'execute'] as const) {
    const original = connection[name].bind(connection);
    connection[name] = (options: unknown, values?: unknown, callback?: Callback) => {
      const withTimeout =
        typeof options === 'string'
          ? { sql: options, timeout: clientMs }
          : { timeout: clientMs, ...(options as object) };
      const cb = (typeof values === 'function' ? values : callback) as Callback | undefined;
      const guarded: Callback = (error, result) => {
        if ((error as { code?: string } | null)?.code === 'PROTOCOL_SEQUENCE_TIMEOUT') {
          connection.destroy();
        }
        cb?.(error, result);
      };
      return typeof values === 'function'
        ? original(withTimeout, guarded)
        : original(withTimeout, values, guarded);
    };
  }
  const seconds = Math.max(1, Math.ceil(statementMs / 1000));
  await new Promise<void>((resolve, reject) => {
    connection.query(
      `SET SESSION max_statement_time = ${statementMs / 1000}, innodb_lock_wait_timeout = ${seconds}`,
      (error: Error | null) => (error ? reject(error) : resolve()),
    );
  });
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
    connectTimeout: config.DB_CONNECT_TIMEOUT_MS ?? DEFAULT_CONNECT_TIMEOUT_MS,
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
  const statementMs = config.DB_STATEMENT_TIMEOUT_MS ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const connectMs = config.DB_CONNECT_TIMEOUT_MS ?? DEFAULT_CONNECT_TIMEOUT_MS;
  return new Sequelize(schema, config.DB_USER, config.DB_PASSWORD, {
    dialect: 'mysql',
    host: config.DB_HOST,
    port: config.DB_PORT,
    logging: false,
    // Waiting for a free connection is bounded too: a hung database fails requests fast.
    pool: { max: config.DB_POOL_MAX, min: 0, idle: 10_000, acquire: connectMs + statementMs },
    // Money and counts are integers; keep DATETIME in UTC whatever the server's zone.
    timezone: '+00:00',
    dialectOptions: { dateStrings: false, connectTimeout: connectMs },
    define: { underscored: true },
    hooks: {
      afterConnect: (connection) => boundConnection(connection as RawConnection, statementMs),
    },
    ...extra,
  });
}

export type Migration = RunnableMigration<Sequelize>;

/**
 * The database transaction a use case's writes join, as its domain code names it: the domain
 * passes it from where it began to the repositories, never looks inside it.
 */
export type UnitOfWork = Transaction;

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
  // Loaded here, not at the top: umzug brings its command line (@rushstack/*, argparse), ≈ 9 MB
  // of memory that a serving process, which leaves migrating to its migration Job, never needs.
  const { SequelizeStorage, Umzug } = await import('umzug');
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
