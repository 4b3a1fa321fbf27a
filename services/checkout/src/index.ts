import { startService } from '@gomall/kit';
import { createCheckoutService } from './app';
import { loadCheckoutConfig } from './config';

async function main(): Promise<void> {
  const config = loadCheckoutConfig();
  const { service, logger, close, startRecovery } = await createCheckoutService(config);
  await startService({
    service,
    port: config.PORT,
    logger,
    graceMs: config.SHUTDOWN_GRACE_MS,
    closers: [close],
  });
  // Sagas a crash left in flight are finished or compensated once we can serve again.
  startRecovery();
}

main().catch((error: unknown) => {
  console.error(
    JSON.stringify({
      level: 'fatal',
      service: 'checkout',
      msg: 'start failed',
      err: String(error),
    }),
  );
  process.exit(1);
});
