import { startService } from '@gomall/kit';
import { createOrderService } from './app';
import { loadOrderConfig } from './config';

async function main(): Promise<void> {
  const config = loadOrderConfig();
  const { service, logger, close } = await createOrderService(config);
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
    JSON.stringify({ level: 'fatal', service: 'order', msg: 'start failed', err: String(error) }),
  );
  process.exit(1);
});
