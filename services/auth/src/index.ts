import { startService } from '@gomall/kit';
import { createAuthService } from './app';
import { loadAuthConfig } from './config';

async function main(): Promise<void> {
  const config = loadAuthConfig();
  const { service, logger, close } = await createAuthService(config);
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
    JSON.stringify({ level: 'fatal', service: 'auth', msg: 'start failed', err: String(error) }),
  );
  process.exit(1);
});
