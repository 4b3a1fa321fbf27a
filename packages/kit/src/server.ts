import http from 'node:http';
import type Koa from 'koa';
import { createHttpTerminator } from 'http-terminator';
import type { ServiceApp } from './http/app';
import type { Logger } from './logger';
import { stopTracing } from './tracing/setup';

export interface RunningService {
  /** The API server (absent when the process serves only its ops port, like the operator). */
  server: http.Server | undefined;
  port: number | undefined;
  opsServer: http.Server;
  opsPort: number;
  /** Stops accepting, drains in-flight requests, then runs the closers (pools, clients). */
  shutdown(reason: string): Promise<void>;
}

export interface StartOptions {
  service: ServiceApp;
  /** The API port; omitted: no API server. */
  port?: number;
  /** /healthz, /readyz, /metrics. */
  opsPort: number;
  host?: string;
  logger: Logger;
  graceMs: number;
  /** Run in order after the HTTP server has drained: close pools, Dapr clients, timers. */
  closers?: Array<() => Promise<void> | void>;
  /** Install SIGTERM/SIGINT handlers (off in tests that run several services in one process). */
  handleSignals?: boolean;
}

async function listen(app: Koa, port: number, host: string): Promise<http.Server> {
  const server = http.createServer(app.callback());
  // Behind daprd and ingress proxies that keep connections alive longer than Node's default.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

const portOf = (server: http.Server, fallback: number): number => {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : fallback;
};

/**
 * Starts the API server on `port` and the ops server on `opsPort`. Shutdown drains the API server
 * first while /readyz answers "draining", and closes the ops server last.
 */
export async function startService(options: StartOptions): Promise<RunningService> {
  const { service, logger } = options;
  const host = options.host ?? '0.0.0.0';
  const opsServer = await listen(service.ops, options.opsPort, host);
  let server: http.Server | undefined;
  try {
    server = options.port === undefined ? undefined : await listen(service.app, options.port, host);
  } catch (error) {
    opsServer.close();
    throw error;
  }
  const port = server ? portOf(server, options.port ?? 0) : undefined;
  const opsPort = portOf(opsServer, options.opsPort);
  const terminators = [server, opsServer]
    .filter((s): s is http.Server => s !== undefined)
    .map((s) => createHttpTerminator({ server: s, gracefulTerminationTimeout: options.graceMs }));

  let stopping: Promise<void> | undefined;
  const shutdown = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      logger.info({ reason }, 'shutting down');
      service.markDraining();
      for (const terminator of terminators) await terminator.terminate();
      for (const close of options.closers ?? []) {
        try {
          await close();
        } catch (error) {
          logger.warn({ err: error }, 'closer failed during shutdown');
        }
      }
      // The spans of the last requests leave before the process does.
      await stopTracing();
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

  logger.info({ port, opsPort }, 'listening');
  return { server, port, opsServer, opsPort, shutdown };
}
