import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ManagedProcess, type ExitListener, type RestartPolicy } from './process';
import { portInUse, waitFor } from './ports';

export interface RedisOptions {
  dataDir: string;
  port: number;
  onExit: ExitListener;
  restart?: RestartPolicy;
  onSpawn?: (name: string, pid: number | undefined) => void;
}

/** Redis as a plain process on loopback: the Dapr state store and pub/sub (Streams) backend. */
export async function startRedis(options: RedisOptions): Promise<ManagedProcess> {
  const dir = join(options.dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  if (await portInUse(options.port)) {
    throw new Error(`Redis port ${options.port} is taken (set GOMALL_REDIS_PORT to another port)`);
  }
  const server = new ManagedProcess(
    {
      name: 'redis',
      command: 'redis-server',
      args: [
        '--port',
        String(options.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--save',
        '',
        '--daemonize',
        'no',
        '--logfile',
        '',
      ],
      logFile: join(options.dataDir, 'logs', 'redis.log'),
    },
    { onUnexpectedExit: options.onExit, restart: options.restart, onSpawn: options.onSpawn },
  );
  server.start();
  await waitFor(
    'Redis',
    () => portInUse(options.port),
    30_000,
    () => server.alive,
  );
  return server;
}
