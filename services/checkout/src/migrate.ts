import { createLogger } from '@gomall/kit';
import { prepareDatabase, SERVICE } from './app';
import { loadCheckoutConfig } from './config';

/** Entry point of the migration Job (Helm pre-install/pre-upgrade hook). */
async function main(): Promise<void> {
  const config = loadCheckoutConfig();
  const logger = createLogger(SERVICE, config.LOG_LEVEL);
  const sequelize = await prepareDatabase(config, logger);
  await sequelize.close();
  logger.info('migrations complete');
}

main().catch((error: unknown) => {
  console.error(
    JSON.stringify({
      level: 'fatal',
      service: 'checkout',
      msg: 'migration failed',
      err: String(error),
    }),
  );
  process.exit(1);
});
