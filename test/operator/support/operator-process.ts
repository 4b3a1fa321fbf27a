import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, ManagedProcess, waitFor } from '@gomall/devstack';
import { REPO_ROOT } from '../../delivery/support/tools';

const ENTRY = join(REPO_ROOT, 'services', 'operator', 'dist', 'index.js');

/** Short lease and resync so takeovers and drift repairs happen within a test's patience. */
const FAST_SETTINGS: Record<string, string> = {
  LEASE_DURATION_SECONDS: '3',
  RENEW_DEADLINE_SECONDS: '2',
  RETRY_PERIOD_SECONDS: '0.5',
  RESYNC_SECONDS: '2',
  BACKOFF_BASE_MS: '200',
  BACKOFF_MAX_MS: '5000',
  SHUTDOWN_GRACE_MS: '2000',
};

/**
 * What the tests' Malls need: they live in several namespaces (the chart's default is the
 * operator's own namespace only), use the test registry and Secrets named `mall-*`.
 */
const TEST_POLICY: Record<string, string> = {
  WATCH_ALL_NAMESPACES: 'true',
  ALLOWED_IMAGE_PREFIXES: 'registry.test/gomall/',
  ALLOWED_SECRETS: 'mall-*,{mall}-*',
};

/** The operator as it runs in its pod: its built entry point, a kubeconfig, its own port. */
export class OperatorProcess {
  private constructor(
    readonly name: string,
    readonly port: number,
    readonly logFile: string,
    private readonly process: ManagedProcess,
  ) {}

  static async start(options: {
    name: string;
    kubeconfigPath: string;
    dataDir: string;
    leaseNamespace: string;
    env?: Record<string, string>;
  }): Promise<OperatorProcess> {
    if (!existsSync(ENTRY)) {
      throw new Error(`${ENTRY} is missing: build first (npx tsc -b tsconfig.build.json)`);
    }
    const port = await freePort();
    const logFile = join(options.dataDir, 'logs', `${options.name}.log`);
    const managed = new ManagedProcess(
      {
        name: options.name,
        command: process.execPath,
        args: [ENTRY],
        env: {
          PATH: process.env.PATH,
          KUBECONFIG: options.kubeconfigPath,
          PORT: String(port),
          POD_NAME: options.name,
          POD_NAMESPACE: options.leaseNamespace,
          LOG_LEVEL: 'info',
          ...FAST_SETTINGS,
          ...TEST_POLICY,
          ...options.env,
        },
        logFile,
      },
      () => undefined,
    );
    managed.start();
    const operator = new OperatorProcess(options.name, port, logFile, managed);
    await waitFor(
      `${options.name} /healthz`,
      async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok,
      30_000,
      () => managed.running,
    );
    return operator;
  }

  get running(): boolean {
    return this.process.running;
  }

  /** The operator's own series from /metrics, summed over their labels when a filter is given. */
  async metric(name: string, labels: Record<string, string> = {}): Promise<number> {
    const text = await (await fetch(`http://127.0.0.1:${this.port}/metrics`)).text();
    let total = 0;
    for (const line of text.split('\n')) {
      const match = /^([a-z_]+)(\{[^}]*\})? ([0-9.e+-]+)$/.exec(line);
      if (!match || match[1] !== name) continue;
      const set = match[2] ?? '';
      if (Object.entries(labels).every(([key, value]) => set.includes(`${key}="${value}"`))) {
        total += Number(match[3]);
      }
    }
    return total;
  }

  async ready(): Promise<boolean> {
    return (await fetch(`http://127.0.0.1:${this.port}/readyz`)).ok;
  }

  /** The JSON log lines written so far. */
  logs(): Array<Record<string, unknown>> {
    if (!existsSync(this.logFile)) return [];
    return readFileSync(this.logFile, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  /** SIGTERM: drains, stops reconciling and gives the lease up, as in a pod's termination. */
  stop(): Promise<void> {
    return this.process.stop(10_000);
  }

  /** SIGKILL: a crash; the lease is left to expire. */
  kill(): Promise<void> {
    return this.process.kill();
  }
}
