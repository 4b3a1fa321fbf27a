import { startService } from '@gomall/kit';
import { createUserService } from './app';
import { loadUserConfig } from './config';

async function main(): Promise<void> {
  const config = loadUserConfig();
  const { service, logger, close } = await createUserService(config);
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
    JSON.stringify({ level: 'fatal', service: 'user', msg: 'start failed', err: String(error) }),
  );
  process.exit(1);
});
