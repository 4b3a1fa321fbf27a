import http from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, httpOk } from '@gomall/devstack';
import { Sidecars } from './support/sidecars';

/**
 * daprd 1.16 panicked (nil pointer in onDirectMessage, dapr/dapr#10371) when an invocation was
 * cancelled — by its resiliency timeout or by the caller going away — while the callee's answer
 * was still streaming: the handler returned and an abandoned goroutine kept writing to the
 * recycled response writer. tools/daprd/patches/ makes the timeout wait for that goroutine. Here a
 * sidecar of our own relays slow answers and has them cut off both ways, many times at once, and
 * must still be running afterwards.
 */
jest.setTimeout(120_000);

const TIMEOUT_MS = 1000;
/** Answered at once but far more than the sockets buffer, so relaying it waits on the reader. */
const BIG = Buffer.alloc(8 * 1024 * 1024, 'x');

describe('daprd under cancelled invocations (dapr/dapr#10371)', () => {
  const exits: string[] = [];
  const sidecars = new Sidecars('cancellation', {
    metrics: true,
    onExit: (name, code, signal) => exits.push(`${name} exited (code ${code}, signal ${signal})`),
  });
  const processes = sidecars.processes;
  let callee: http.Server;
  let callerHttp = 0;
  let calleeHttp = 0;

  beforeAll(async () => {
    sidecars.prepare();
    writeFileSync(
      join(sidecars.resourcesDir, 'resiliency.yaml'),
      [
        'apiVersion: dapr.io/v1alpha1',
        'kind: Resiliency',
        'metadata: { name: cancellation }',
        'spec:',
        '  policies:',
        `    timeouts: { short: ${TIMEOUT_MS}ms }`,
        '  targets:',
        '    apps:',
        '      slow: { timeout: short }',
      ].join('\n'),
    );
    // The callee streams its answer for a second, a chunk every 10 ms.
    callee = http.createServer((req, res) => {
      const sse = req.headers.accept === 'text/event-stream';
      res.writeHead(200, { 'content-type': sse ? 'text/event-stream' : 'text/plain' });
      if (req.url?.endsWith('/quick')) {
        res.end('ok');
        return;
      }
      if (req.url?.endsWith('/big')) {
        res.end(BIG);
        return;
      }
      let chunks = 0;
      const timer = setInterval(() => {
        if (res.destroyed || chunks++ >= 100) {
          clearInterval(timer);
          res.end();
          return;
        }
        res.write(sse ? `data: ${'x'.repeat(4000)}\n\n` : 'x'.repeat(4096));
      }, 10);
    });
    const appPort = await freePort();
    await new Promise<void>((resolve) => callee.listen(appPort, '127.0.0.1', resolve));
    calleeHttp = (await sidecars.start('slow', appPort)).http;
    callerHttp = (await sidecars.start('caller')).http;
  });

  afterAll(async () => {
    await sidecars.stop();
    await new Promise<void>((resolve) => callee.close(() => resolve()));
  });

  /** One call through `caller`'s sidecar (remote, over gRPC to `slow`'s) or `slow`'s own (local). */
  const invoke = async (
    abortAfterMs?: number,
    method = 'stream',
    via: 'caller' | 'local' = 'caller',
  ): Promise<string> => {
    const controller = new AbortController();
    const timer =
      abortAfterMs === undefined ? undefined : setTimeout(() => controller.abort(), abortAfterMs);
    try {
      const response = await fetch(
        `http://127.0.0.1:${via === 'caller' ? callerHttp : calleeHttp}/v1.0/invoke/slow/method/${method}`,
        {
          signal: controller.signal,
        },
      );
      await response.arrayBuffer();
      return `status ${response.status}`;
    } catch (error) {
      return (error as Error).name;
    } finally {
      clearTimeout(timer);
    }
  };

  /** A caller that reads the first bytes of a big answer, then stalls, then goes away. */
  const stall = async (via: 'caller' | 'local'): Promise<string> => {
    const controller = new AbortController();
    const port = via === 'caller' ? callerHttp : calleeHttp;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/v1.0/invoke/slow/method/big`, {
        signal: controller.signal,
      });
      const reader = response.body?.getReader();
      await reader?.read();
      await new Promise((r) => setTimeout(r, TIMEOUT_MS * 3));
      controller.abort();
      return `status ${response.status}`;
    } catch (error) {
      return (error as Error).name;
    }
  };

  it('survives answers stalled by their reader past its timeout', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 16 }, (_, i) => stall(i % 2 === 0 ? 'caller' : 'local')),
    );
    expect(outcomes).toHaveLength(16);
    await new Promise((r) => setTimeout(r, 500));
    expect(exits).toEqual([]);
    expect(processes.every((p) => p.running)).toBe(true);
  });

  it('survives answers cut off by its timeout and by callers going away mid-response', async () => {
    for (let round = 0; round < 5; round++) {
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          invoke(i % 2 === 0 ? undefined : 50 + 10 * i, 'stream', i % 4 < 2 ? 'caller' : 'local'),
        ),
      );
      // Every call ended one way or another: cut off by the sidecar or aborted by the caller.
      expect(outcomes).toHaveLength(20);
    }
    await new Promise((r) => setTimeout(r, 500));
    const logs = processes.map((p) => readFileSync(p.spec.logFile, 'utf8')).join('\n');
    expect({ exits, panics: logs.split('\n').filter((l) => /panic|SIGSEGV/.test(l)) }).toEqual({
      exits: [],
      panics: [],
    });
    expect(processes.every((p) => p.running)).toBe(true);
    expect(await httpOk(`http://127.0.0.1:${callerHttp}/v1.0/healthz`)).toBe(true);
    // And it still relays a whole answer.
    expect(await invoke(undefined, 'quick')).toBe('status 200');
  });
});
