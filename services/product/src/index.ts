import { startService } from '@gomall/kit';
import { createProductService } from './app';
import { loadProductConfig } from './config';

async function main(): Promise<void> {
  const config = loadProductConfig();
  const { service, logger, close } = await createProductService(config);
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
    JSON.stringify({ level: 'fatal', service: 'product', msg: 'start failed', err: String(error) }),
  );
  process.exit(1);
});
