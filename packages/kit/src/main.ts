import { assertServingConfig, opsPortOf } from './config';
import type { ServiceApp } from './http/app';
import type { Logger } from './logger';
import { startService } from './server';

/** Runs an entry point; a failure is one fatal JSON line (the log format) and exit code 1. */
export function runMain(service: string, task: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(
      JSON.stringify({ level: 'fatal', service, msg: `${task} failed`, err: String(error) }),
    );
    process.exit(1);
  });
}

export interface BuiltService {
  service: ServiceApp;
  logger: Logger;
  close: () => Promise<void>;
  /** Work that must wait until the service answers (e.g. resuming interrupted sagas). */
  afterListen?: () => void;
}

/** The whole of a service's index.ts: config → build → listen, with graceful shutdown. */
export function serve<
  Config extends {
    PORT: number;
    OPS_PORT?: number | undefined;
    SHUTDOWN_GRACE_MS: number;
    NODE_ENV?: string;
    APP_API_TOKEN?: string | undefined;
  },
>(
  name: string,
  loadConfig: () => Config,
  build: (config: Config) => BuiltService | Promise<BuiltService>,
): void {
  runMain(name, 'start', async () => {
    const config = loadConfig();
    assertServingConfig(config);
    const built = await build(config);
    await startService({
      service: built.service,
      port: config.PORT,
      opsPort: opsPortOf(config),
      logger: built.logger,
      graceMs: config.SHUTDOWN_GRACE_MS,
      closers: [built.close],
    });
    built.afterListen?.();
  });
}
