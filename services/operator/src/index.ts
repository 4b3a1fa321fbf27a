import { runMain, startService } from '@gomall/kit';
import { createOperator, SERVICE } from './app';
import { loadOperatorConfig } from './config';

runMain(SERVICE, 'start', async () => {
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
});
