import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, httpOk, ManagedProcess, waitFor } from '@gomall/devstack';

/**
 * Our daprd caches name resolutions (tools/daprd/cachedresolver.go: the SQLite resolver wrapped
 * to implement ResolveIDMulti). The cache must not outlive the address it holds: a callee whose
 * sidecar restarts on other ports is reached again, by the very first call after the restart
 * (patches/0002: the built-in retry resolves again), whether the old sidecar left in order
 * (SIGTERM: it deregistered) or died (SIGKILL: its row stays until it goes stale).
 */
jest.setTimeout(120_000);

const CALLEE = 'product';

describe('daprd name resolution cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gm-nr-'));
  const servers: http.Server[] = [];
  let caller: ManagedProcess;
  let callerHttp = 0;
  let callee: ManagedProcess | undefined;

  const sidecar = async (appId: string, appPort?: number) => {
    const ports = { http: await freePort(), grpc: await freePort(), internal: await freePort() };
    const args = [
      ...['--mode', 'standalone', '--app-id', appId, '--dapr-listen-addresses', '127.0.0.1'],
      ...['--dapr-http-port', String(ports.http), '--dapr-grpc-port', String(ports.grpc)],
      ...['--dapr-internal-grpc-port', String(ports.internal), '--enable-metrics=false'],
      ...['--config', join(dir, 'config.yaml'), '--log-level', 'warn'],
    ];
    if (appPort !== undefined) {
      args.push('--app-port', String(appPort), '--app-protocol', 'http');
      args.push('--app-channel-address', '127.0.0.1');
    }
    const proc = new ManagedProcess(
      {
        name: `${appId}-${ports.internal}`,
        command: process.env.DAPRD_BIN as string,
        args,
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
        logFile: join(dir, `${appId}-${ports.internal}.log`),
      },
      () => undefined,
    );
    proc.start();
    await waitFor(
      `${appId} sidecar`,
      () => httpOk(`http://127.0.0.1:${ports.http}/v1.0/healthz`),
      60_000,
      () => proc.running,
    );
    return { proc, http: ports.http };
  };

  /** A callee app that answers with its own name, behind a sidecar of its own. */
  const startCallee = async (name: string) => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ name }));
    });
    const port = await freePort();
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    servers.push(server);
    callee = (await sidecar(CALLEE, port)).proc;
  };

  const call = async () => {
    const response = await fetch(`http://127.0.0.1:${callerHttp}/v1.0/invoke/${CALLEE}/method/who`);
    const text = await response.text();
    return { status: response.status, text };
  };

  beforeAll(async () => {
    if (!process.env.DAPRD_BIN)
      throw new Error('DAPRD_BIN is not set: run the tests with `npm test`');
    writeFileSync(
      join(dir, 'config.yaml'),
      [
        'apiVersion: dapr.io/v1alpha1',
        'kind: Configuration',
        'metadata: { name: names }',
        'spec:',
        '  nameResolution:',
        '    component: sqlite',
        '    version: v1',
        `    configuration: { connectionString: ${join(dir, 'names.db')} }`,
      ].join('\n'),
    );
    await startCallee('first');
    const started = await sidecar('checkout');
    caller = started.proc;
    callerHttp = started.http;
  });

  afterAll(async () => {
    await Promise.all([caller?.stop(), callee?.stop()]);
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    if (process.env.GOMALL_KEEP_TEST_DATA !== '1') rmSync(dir, { recursive: true, force: true });
  });

  it('reaches the callee, repeatedly, through the cached address', async () => {
    for (let i = 0; i < 20; i++) {
      expect(await call()).toEqual({ status: 200, text: '{"name":"first"}' });
    }
  });

  it('finds a callee whose sidecar stopped and came back on other ports, on the first call', async () => {
    await callee?.stop();
    await startCallee('second');
    expect(await call()).toEqual({ status: 200, text: '{"name":"second"}' });
    expect(await call()).toEqual({ status: 200, text: '{"name":"second"}' });
  });

  it('finds a callee whose sidecar was killed and came back on other ports', async () => {
    await callee?.stop(10_000, 'SIGKILL');
    await startCallee('third');
    // The dead sidecar's row is still fresh (the resolver's 5 s update interval), so a resolution
    // may pick it: the call that does is answered 500, the next ones resolve again.
    const answers: { status: number; text: string }[] = [];
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const answer = await call();
      answers.push(answer);
      if (answer.status === 200 && answer.text === '{"name":"third"}') break;
    }
    expect(answers.at(-1)).toEqual({ status: 200, text: '{"name":"third"}' });
    // Never an answer from an earlier callee.
    expect(answers.filter((a) => a.status === 200 && a.text !== '{"name":"third"}')).toEqual([]);
  });
});
