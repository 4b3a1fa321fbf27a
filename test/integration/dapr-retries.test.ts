import http from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '@gomall/devstack';
import { Sidecars } from './support/sidecars';

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
  const sidecars = new Sidecars('retries');
  const hits: string[] = [];
  let callee: http.Server;
  let callerHttp = 0;

  beforeAll(async () => {
    sidecars.prepare();
    // The shipped file as it is, but a 1 s invocation timeout so the test need not wait 15 s.
    const shipped = readFileSync(
      join(REPO_ROOT, 'dapr-components', 'resources', 'resiliency.yaml'),
      'utf8',
    );
    writeFileSync(
      join(sidecars.resourcesDir, 'resiliency.yaml'),
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
    await sidecars.start(CALLEE, appPort);
    callerHttp = (await sidecars.start('checkout')).http;
  });

  afterAll(async () => {
    await sidecars.stop();
    await new Promise<void>((r) => callee.close(() => r()));
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
