import { startService } from '@gomall/kit';
import { createGatewayService } from './app';
import { loadGatewayConfig } from './config';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const { service, logger, close } = createGatewayService(config);
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
    JSON.stringify({ level: 'fatal', service: 'gateway', msg: 'start failed', err: String(error) }),
  );
  process.exit(1);
});
