import { createLogger } from '../logger';
import { runMain } from '../main';
import { prepareDatabase, type SchemaPlan, type ServiceDatabaseConfig } from './service-database';
import { whileUnreachable } from './unreachable';

const MIGRATION_UNREACHABLE_DEADLINE_MS = 120_000;
/**
 * A migration is in no hurry, unlike a request: a slow handshake with a busy database is waited
 * for, and a schema change on a large table may run for minutes (the services' 5 s statement limit
 * would abort it, and every retry of the Job with it).
 */
const MIGRATION_CONNECT_TIMEOUT_MS = 10_000;
const MIGRATION_STATEMENT_TIMEOUT_MS = 600_000;

/** A service's database settings as its migration Job uses them: the longer limits above. */
export function forMigration<Config extends ServiceDatabaseConfig>(config: Config): Config {
  return {
    ...config,
    DB_CONNECT_TIMEOUT_MS: Math.max(
      config.DB_CONNECT_TIMEOUT_MS ?? 0,
      MIGRATION_CONNECT_TIMEOUT_MS,
    ),
    DB_STATEMENT_TIMEOUT_MS: Math.max(
      config.DB_STATEMENT_TIMEOUT_MS ?? 0,
      MIGRATION_STATEMENT_TIMEOUT_MS,
    ),
  };
}

/** The whole of a service's migrate.ts: the entry point of the migration Job (Helm hook, operator). */
export function runMigrationJob<Config extends ServiceDatabaseConfig & { LOG_LEVEL: string }>(
  name: string,
  loadConfig: () => Config,
  plan: (config: Config) => SchemaPlan,
): void {
  runMain(name, 'migration', async () => {
    const config = forMigration(loadConfig());
    const logger = createLogger(name, config.LOG_LEVEL);
    // The Job may start before its database answers, or on a node too busy to connect in time:
    // it keeps trying for up to two minutes (a migration run is safe to repeat).
    const sequelize = await whileUnreachable(
      () => prepareDatabase(config, logger, plan(config)),
      logger,
      MIGRATION_UNREACHABLE_DEADLINE_MS,
    );
    await sequelize.close();
    logger.info('migrations complete');
  });
}
