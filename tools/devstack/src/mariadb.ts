import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ManagedProcess, type ExitListener, type RestartPolicy } from './process';
import { portInUse, waitFor } from './ports';

const run = promisify(execFile);

/** A service's own account: every privilege on its one schema, nothing on any other. */
interface SchemaUser {
  user: string;
  password: string;
  schema: string;
}

export interface MariaDbOptions {
  dataDir: string;
  port: number;
  /** The stack's administrative account (people and the test harness); no service gets it. */
  user: string;
  password: string;
  schemaUsers: readonly SchemaUser[];
  /** Test stacks trade durability for speed; the local mall keeps MariaDB's safe defaults. */
  fast: boolean;
  onExit: ExitListener;
  restart?: RestartPolicy;
  onSpawn?: (name: string, pid: number | undefined) => void;
}

const isRoot = () => process.getuid?.() === 0;
const osUser = () => (isRoot() ? 'root' : (process.env.USER ?? 'root'));

/** MariaDB as a plain process on loopback, its files under the stack's data folder. */
export async function startMariaDb(options: MariaDbOptions): Promise<ManagedProcess> {
  const dir = join(options.dataDir, 'mariadb');
  const dataDir = join(dir, 'data');
  // Unix sockets paths are limited to ~107 bytes, so it lives beside the data, not deep in it.
  const socket = join(dir, 'mysqld.sock');
  const fresh = !existsSync(join(dataDir, 'mysql'));
  if (fresh) {
    mkdirSync(dataDir, { recursive: true });
    await run('mariadb-install-db', [
      '--no-defaults',
      `--datadir=${dataDir}`,
      `--user=${osUser()}`,
      '--auth-root-authentication-method=socket',
      '--skip-test-db',
    ]);
  }
  if (await portInUse(options.port)) {
    throw new Error(`MariaDB port ${options.port} is taken (set GOMALL_DB_PORT to another port)`);
  }
  const args = [
    '--no-defaults',
    `--datadir=${dataDir}`,
    `--socket=${socket}`,
    `--pid-file=${join(dir, 'mariadb.pid')}`,
    `--port=${options.port}`,
    '--bind-address=127.0.0.1',
    `--user=${osUser()}`,
    '--skip-name-resolve',
    '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_unicode_ci',
    '--max-connections=500',
    '--innodb-buffer-pool-size=256M',
  ];
  if (options.fast) {
    args.push('--innodb-flush-log-at-trx-commit=0', '--innodb-doublewrite=0', '--sync-binlog=0');
  }
  const server = new ManagedProcess(
    {
      name: 'mariadb',
      command: 'mariadbd',
      args,
      logFile: join(options.dataDir, 'logs', 'mariadb.log'),
    },
    { onUnexpectedExit: options.onExit, restart: options.restart, onSpawn: options.onSpawn },
  );
  server.start();
  await waitFor(
    'MariaDB',
    async () => existsSync(socket) && (await portInUse(options.port)),
    60_000,
    () => server.alive,
  );
  // Idempotent, so a restarted mall keeps its data; passwords are (re)set on every start.
  const sql = [
    `CREATE USER IF NOT EXISTS '${options.user}'@'%' IDENTIFIED BY '${options.password}'`,
    `GRANT ALL PRIVILEGES ON *.* TO '${options.user}'@'%'`,
    ...options.schemaUsers.flatMap(schemaUserSql),
    'FLUSH PRIVILEGES',
  ].join('; ');
  await run('mariadb', ['--no-defaults', `--socket=${socket}`, '-uroot', '-e', sql]);
  return server;
}

const IDENTIFIER = /^[A-Za-z0-9_]{1,64}$/;
const PASSWORD = /^[A-Za-z0-9_-]{8,}$/;

/**
 * One service's account. In a GRANT's database name `_` and `%` are wildcards, so the schema's
 * underscores are escaped: `gomall_user` must not also match `gomallXuser`.
 */
function schemaUserSql({ user, password, schema }: SchemaUser): string[] {
  if (!IDENTIFIER.test(user) || !IDENTIFIER.test(schema) || !PASSWORD.test(password)) {
    throw new Error(`Invalid database account for schema ${schema}`);
  }
  return [
    `CREATE USER IF NOT EXISTS '${user}'@'%' IDENTIFIED BY '${password}'`,
    `ALTER USER '${user}'@'%' IDENTIFIED BY '${password}'`,
    `GRANT ALL PRIVILEGES ON \`${schema.replace(/_/g, '\\_')}\`.* TO '${user}'@'%'`,
  ];
}
