import { startService } from '@gomall/kit';
import { createOperator } from './app';
import { loadOperatorConfig } from './config';

async function main(): Promise<void> {
  const config = loadOperatorConfig();
  const operator = createOperator(config, () => {
    void running
      .then((service) => service.shutdown('lost leadership'))
      .finally(() => process.exit(1));
  });
  const running = startService({
    service: operator.service,
    opsPort: config.PORT,
    logger: operator.logger,
    graceMs: config.SHUTDOWN_GRACE_MS,
    closers: [() => operator.close()],
  });
  await running;
  operator.start();
}

main().catch((error: unknown) => {
  console.error(
    JSON.stringify({
      level: 'fatal',
      service: 'operator',
      msg: 'start failed',
      err: String(error),
    }),
  );
  process.exit(1);
});
