import { startService } from '@gomall/kit';
import { createPaymentService } from './app';
import { loadPaymentConfig } from './config';

async function main(): Promise<void> {
  const config = loadPaymentConfig();
  const { service, logger, close } = await createPaymentService(config);
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
    JSON.stringify({ level: 'fatal', service: 'payment', msg: 'start failed', err: String(error) }),
  );
  process.exit(1);
});
