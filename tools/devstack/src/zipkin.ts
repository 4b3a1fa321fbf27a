import { join } from 'node:path';
import { ManagedProcess, type ExitListener, type RestartPolicy } from './process';
import { httpOk, portInUse, waitFor } from './ports';

export interface ZipkinOptions {
  /** The Zipkin server's executable jar (scripts/ensure-zipkin.sh fetches it from Maven Central). */
  jar: string;
  dataDir: string;
  port: number;
  onExit: ExitListener;
  restart?: RestartPolicy;
  onSpawn?: (name: string, pid: number | undefined) => void;
}

/**
 * The local trace backend: Zipkin's server with in-memory storage on loopback. The services and
 * their sidecars send it spans; its UI and query API (`/api/v2/traces`) answer on the same port.
 */
export async function startZipkin(options: ZipkinOptions): Promise<ManagedProcess> {
  if (await portInUse(options.port)) {
    throw new Error(
      `Zipkin port ${options.port} is taken (set GOMALL_ZIPKIN_PORT to another port)`,
    );
  }
  const server = new ManagedProcess(
    {
      name: 'zipkin',
      command: 'java',
      // A small heap and one JIT thread: a local mall's traces fit, and it stays light on 2 cores.
      args: [
        '-Xms64m',
        '-Xmx384m',
        '-XX:CICompilerCount=2',
        '-XX:+UseSerialGC',
        '-jar',
        options.jar,
      ],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        QUERY_PORT: String(options.port),
        STORAGE_TYPE: 'mem',
        MEM_MAX_SPANS: '200000',
        // Loopback only, like every other process of the local mall.
        ARMERIA_PORTS_0_IP: '127.0.0.1',
        ARMERIA_PORTS_0_PORT: String(options.port),
      },
      logFile: join(options.dataDir, 'logs', 'zipkin.log'),
    },
    { onUnexpectedExit: options.onExit, restart: options.restart, onSpawn: options.onSpawn },
  );
  server.start();
  await waitFor(
    `Zipkin (log: ${join(options.dataDir, 'logs', 'zipkin.log')})`,
    () => httpOk(`http://127.0.0.1:${options.port}/health`),
    180_000,
    () => server.alive,
  );
  return server;
}
