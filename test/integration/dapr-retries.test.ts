import http from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, httpOk, ManagedProcess, waitFor } from '@gomall/devstack';

/**
 * The mall's own resiliency file (dapr-components/resources/resiliency.yaml) in two real daprd
 * sidecars: a callee's deliberate 503 and a call cut off by the timeout reach the callee ONCE —
 * daprd does not repeat a POST that may have done its work.
 */
jest.setTimeout(120_000);

const REPO_ROOT = resolve(__dirname, '..', '..');
/** A callee the shipped file covers under either layout (a default for every app, or per app). */
const CALLEE = 'payment';

describe('daprd with the mall’s resiliency policy: no repeated invocations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gm-rt-'));
  const processes: ManagedProcess[] = [];
  const hits: string[] = [];
  let callee: http.Server;
  let callerHttp = 0;

  const sidecar = async (appId: string, appPort?: number) => {
    const ports = { http: await freePort(), grpc: await freePort(), internal: await freePort() };
    const args = [
      ...['--mode', 'standalone', '--app-id', appId, '--dapr-listen-addresses', '127.0.0.1'],
      ...['--dapr-http-port', String(ports.http), '--dapr-grpc-port', String(ports.grpc)],
      ...['--dapr-internal-grpc-port', String(ports.internal), '--enable-metrics=false'],
      ...['--resources-path', join(dir, 'resources'), '--config', join(dir, 'config.yaml')],
      ...['--log-level', 'warn'],
    ];
    if (appPort !== undefined) {
      args.push('--app-port', String(appPort), '--app-protocol', 'http');
      args.push('--app-channel-address', '127.0.0.1');
    }
    const proc = new ManagedProcess(
      {
        name: appId,
        command: process.env.DAPRD_BIN as string,
        args,
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
        logFile: join(dir, `${appId}.log`),
      },
      () => undefined,
    );
    proc.start();
    processes.push(proc);
    await waitFor(
      `${appId} sidecar`,
      () => httpOk(`http://127.0.0.1:${ports.http}/v1.0/healthz`),
      60_000,
      () => proc.running,
    );
    return ports.http;
  };

  beforeAll(async () => {
    if (!process.env.DAPRD_BIN)
      throw new Error('DAPRD_BIN is not set: run the tests with `npm test`');
    mkdirSync(join(dir, 'resources'));
    writeFileSync(
      join(dir, 'config.yaml'),
      [
        'apiVersion: dapr.io/v1alpha1',
        'kind: Configuration',
        'metadata: { name: retries }',
        'spec:',
        '  nameResolution:',
        '    component: sqlite',
        '    version: v1',
        `    configuration: { connectionString: ${join(dir, 'names.db')} }`,
      ].join('\n'),
    );
    // The shipped file as it is, but a 1 s invocation timeout so the test need not wait 15 s.
    const shipped = readFileSync(
      join(REPO_ROOT, 'dapr-components', 'resources', 'resiliency.yaml'),
      'utf8',
    );
    writeFileSync(
      join(dir, 'resources', 'resiliency.yaml'),
      shipped.replace(/^(\s+(?:DefaultAppTimeoutPolicy|invocation)):\s*\S+/m, '$1: 1s'),
    );
    callee = http.createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      if (req.url === '/slow') {
        setTimeout(() => res.writeHead(200).end('{}'), 2500);
        return;
      }
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"UNAVAILABLE","message":"deadline passed"}}');
    });
    const appPort = await freePort();
    await new Promise<void>((r) => callee.listen(appPort, '127.0.0.1', r));
    await sidecar(CALLEE, appPort);
    callerHttp = await sidecar('checkout');
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await new Promise<void>((r) => callee.close(() => r()));
    if (process.env.GOMALL_KEEP_TEST_DATA !== '1') rmSync(dir, { recursive: true, force: true });
  });

  const post = (method: string) =>
    fetch(`http://127.0.0.1:${callerHttp}/v1.0/invoke/${CALLEE}/method/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });

  it('relays a callee’s 503 as it is, after one attempt', async () => {
    hits.length = 0;
    const response = await post('charge');
    expect(response.status).toBe(503);
    await new Promise((r) => setTimeout(r, 1500)); // a retry would have come by now
    expect(hits).toEqual(['POST /charge']);
  });

  it('does not repeat a call cut off by its timeout (the callee may be doing the work)', async () => {
    hits.length = 0;
    const started = Date.now();
    const response = await post('slow');
    expect(response.status).toBeGreaterThanOrEqual(500);
    expect(Date.now() - started).toBeLessThan(2400);
    await new Promise((r) => setTimeout(r, 3000));
    expect(hits).toEqual(['POST /slow']);
  });
});
