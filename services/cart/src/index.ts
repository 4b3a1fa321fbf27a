import { startService } from '@gomall/kit';
import { createCartService } from './app';
import { loadCartConfig } from './config';

async function main(): Promise<void> {
  const config = loadCartConfig();
  const { service, logger, close } = createCartService(config);
  await startService({
    service,
    port: config.PORT,
    logger,
    graceMs: config.SHUTDOWN_GRACE_MS,
    closers: [close],
  });
}

main().catch((error: unknown) => {
  console.error(
    JSON.stringify({ level: 'fatal', service: 'cart', msg: 'start failed', err: String(error) }),
  );
  process.exit(1);
});
