import http from 'node:http';
import { createHttpTerminator } from 'http-terminator';
import type { ServiceApp } from './http/app';
import type { Logger } from './logger';

export interface RunningService {
  server: http.Server;
  port: number;
  /** Stops accepting, drains in-flight requests, then runs the closers (pools, clients). */
  shutdown(reason: string): Promise<void>;
}

export interface StartOptions {
  service: ServiceApp;
  port: number;
  host?: string;
  logger: Logger;
  graceMs: number;
  /** Run in order after the HTTP server has drained: close pools, Dapr clients, timers. */
  closers?: Array<() => Promise<void> | void>;
  /** Install SIGTERM/SIGINT handlers (off in tests that run several services in one process). */
  handleSignals?: boolean;
}

export async function startService(options: StartOptions): Promise<RunningService> {
  const { service, logger } = options;
  const server = http.createServer(service.app.callback());
  // Behind daprd and ingress proxies that keep connections alive longer than Node's default.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const terminator = createHttpTerminator({ server, gracefulTerminationTimeout: options.graceMs });

  let stopping: Promise<void> | undefined;
  const shutdown = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      logger.info({ reason }, 'shutting down');
      service.markDraining();
      await terminator.terminate();
      for (const close of options.closers ?? []) {
        try {
          await close();
        } catch (error) {
          logger.warn({ err: error }, 'closer failed during shutdown');
        }
      }
      logger.info('stopped');
    })();
    return stopping;
  };

  if (options.handleSignals ?? true) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        void shutdown(signal).then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
      });
    }
  }

  logger.info({ port }, 'listening');
  return { server, port, shutdown };
}
