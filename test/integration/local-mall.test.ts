import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ALL_SERVICES, freePort } from '@gomall/devstack';

/**
 * `npm start` / `npm stop` themselves (tools/devstack/dist/cli.js, as scripts/mall.sh runs it), on
 * a small mall of their own: the caller's environment reaches the services, a process killed from
 * outside is reported and restarted, and a second start after a stop comes up.
 */
jest.setTimeout(240_000);

const repoRoot = resolve(__dirname, '..', '..');
const cli = join(repoRoot, 'tools', 'devstack', 'dist', 'cli.js');
const SERVICES = ['user'];
const ADMIN_PASSWORD = 'local-mall-test-admin-password';

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

async function baseFor(index: number): Promise<string> {
  return String((await freePort()) - index);
}

describe('the local mall (npm start / npm stop)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gm-local-'));
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const daprdBin = process.env.DAPRD_BIN;
    if (!daprdBin) throw new Error('DAPRD_BIN is not set: run the tests with `npm test`');
    const i = ALL_SERVICES.indexOf('user');
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DAPRD_BIN: daprdBin,
      GOMALL_DATA_DIR: dataDir,
      GOMALL_SERVICES: SERVICES.join(','),
      GOMALL_DB_PORT: String(await freePort()),
      GOMALL_REDIS_PORT: String(await freePort()),
      GOMALL_APP_PORT_BASE: await baseFor(i),
      GOMALL_OPS_PORT_BASE: await baseFor(i),
      GOMALL_DAPR_HTTP_PORT_BASE: await baseFor(i),
      GOMALL_DAPR_GRPC_PORT_BASE: await baseFor(i),
      GOMALL_DAPR_INTERNAL_GRPC_PORT_BASE: await baseFor(i),
      GOMALL_DAPR_METRICS_PORT_BASE: await baseFor(i),
      // README's configuration table, set by the caller of `npm start`.
      GOMALL_ADMIN_PASSWORD: ADMIN_PASSWORD,
      BCRYPT_COST: '4',
    };
  });

  afterAll(() => {
    if (process.env.GOMALL_KEEP_TEST_DATA !== '1')
      rmSync(dataDir, { recursive: true, force: true });
  });

  const run = (command: 'up' | 'down'): Run => {
    const child = spawn(process.execPath, [cli, command], {
      env,
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.once('close', (code) => done(code)));
    return { child, output: () => text, exited };
  };

  const until = async (what: string, check: () => boolean | Promise<boolean>, ms: number) => {
    const deadline = Date.now() + ms;
    while (!(await Promise.resolve(check()).catch(() => false))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  const appPid = (service: string): number | undefined => {
    const state = JSON.parse(readFileSync(join(dataDir, 'mall.json'), 'utf8')) as {
      pids: number[];
    };
    return state.pids.find((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(
          join('services', service, 'dist', 'index.js'),
        );
      } catch {
        return false;
      }
    });
  };

  const upAndReady = async (): Promise<Run> => {
    const up = run('up');
    await until(
      `the mall to come up:\n${up.output()}`,
      () => {
        if (up.child.exitCode !== null) throw new Error(`npm start exited:\n${up.output()}`);
        return up.output().includes('Gomall is up');
      },
      150_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${up.output()}`);
    });
    return up;
  };

  const stop = async (up: Run) => {
    const down = run('down');
    expect(await down.exited).toBe(0);
    expect(await up.exited).toBe(0);
  };

  it('comes up with the caller environment, heals a killed service, and comes up again', async () => {
    const first = await upAndReady();
    expect(first.output()).toMatch(/every port lies outside Linux's ephemeral range/);

    const pid = appPid('user');
    expect(pid).toBeDefined();
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    expect(environ).toContain(`GOMALL_ADMIN_PASSWORD=${ADMIN_PASSWORD}`);

    // A crash from outside: reported with its log, restarted, ready again.
    process.kill(pid as number, 'SIGKILL');
    await until(
      'the restart report',
      () => /user exited unexpectedly .*restarting in/.test(first.output()),
      10_000,
    );
    await until(
      'user to be restarted and ready',
      async () => {
        const now = appPid('user');
        if (now === undefined || now === pid) return false;
        const userPort = Number(env.GOMALL_OPS_PORT_BASE) + ALL_SERVICES.indexOf('user');
        const response = await fetch(`http://127.0.0.1:${userPort}/readyz`);
        return response.ok;
      },
      60_000,
    );
    await stop(first);

    const second = await upAndReady();
    await stop(second);
  });
});
