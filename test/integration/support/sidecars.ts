import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, httpOk, ManagedProcess, waitFor, type ExitListener } from '@gomall/devstack';

export interface Sidecar {
  proc: ManagedProcess;
  /** Its Dapr HTTP port on 127.0.0.1. */
  http: number;
}

/**
 * Real daprd sidecars (our build, DAPRD_BIN) in standalone mode beside a test's own apps, apart
 * from the test mall. Their folder (`dir`) holds a Configuration with SQLite name resolution, so
 * they find each other; `resources/`, empty until the test writes a component or a resiliency
 * policy there (before the first start); and each sidecar's log.
 */
export class Sidecars {
  readonly dir: string;
  /** Every sidecar started, in order, stopped or not. */
  readonly processes: ManagedProcess[] = [];

  constructor(
    /** The Configuration's name, and the folder's prefix. */
    private readonly name: string,
    private readonly options: {
      /** Serve daprd's metrics on a port of their own (off unless asked). */
      metrics?: boolean;
      /** Told of a sidecar that exits without being stopped. */
      onExit?: ExitListener;
    } = {},
  ) {
    this.dir = mkdtempSync(join(tmpdir(), `gm-${name}-`));
  }

  get resourcesDir(): string {
    return join(this.dir, 'resources');
  }

  /** The folder's Configuration and resources; refuses to run without DAPRD_BIN (for beforeAll). */
  prepare(): void {
    if (!process.env.DAPRD_BIN)
      throw new Error('DAPRD_BIN is not set: run the tests with `npm test`');
    mkdirSync(this.resourcesDir, { recursive: true });
    writeFileSync(
      join(this.dir, 'config.yaml'),
      [
        'apiVersion: dapr.io/v1alpha1',
        'kind: Configuration',
        `metadata: { name: ${this.name} }`,
        'spec:',
        '  nameResolution:',
        '    component: sqlite',
        '    version: v1',
        `    configuration: { connectionString: ${join(this.dir, 'names.db')} }`,
      ].join('\n'),
    );
  }

  /** Starts a sidecar for `appId` (in front of the app on `appPort`, if any); resolves when healthy. */
  async start(appId: string, appPort?: number): Promise<Sidecar> {
    const ports = { http: await freePort(), grpc: await freePort(), internal: await freePort() };
    const metrics = this.options.metrics
      ? ['--metrics-port', String(await freePort())]
      : ['--enable-metrics=false'];
    const args = [
      ...['--mode', 'standalone', '--app-id', appId, '--dapr-listen-addresses', '127.0.0.1'],
      ...['--dapr-http-port', String(ports.http), '--dapr-grpc-port', String(ports.grpc)],
      ...['--dapr-internal-grpc-port', String(ports.internal), ...metrics],
      ...['--resources-path', this.resourcesDir, '--config', join(this.dir, 'config.yaml')],
      ...['--log-level', 'warn'],
    ];
    if (appPort !== undefined) {
      args.push('--app-port', String(appPort), '--app-protocol', 'http');
      args.push('--app-channel-address', '127.0.0.1');
    }
    // Named by its ports too: a test may start a second sidecar of the same app id.
    const name = `${appId}-${ports.internal}`;
    const proc = new ManagedProcess(
      {
        name,
        command: process.env.DAPRD_BIN as string,
        args,
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
        logFile: join(this.dir, `${name}.log`),
      },
      this.options.onExit ?? (() => undefined),
    );
    proc.start();
    this.processes.push(proc);
    await waitFor(
      `${appId} sidecar`,
      () => httpOk(`http://127.0.0.1:${ports.http}/v1.0/healthz`),
      60_000,
      () => proc.running,
    );
    return { proc, http: ports.http };
  }

  /** Stops every sidecar and removes the folder (kept with GOMALL_KEEP_TEST_DATA=1). */
  async stop(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.stop()));
    if (process.env.GOMALL_KEEP_TEST_DATA !== '1') {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
