import http from 'node:http';
import { freePort, type ManagedProcess } from '@gomall/devstack';
import { Sidecars } from './support/sidecars';

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
  const sidecars = new Sidecars('names');
  const servers: http.Server[] = [];
  let callerHttp = 0;
  let callee: ManagedProcess | undefined;

  /** A callee app that answers with its own name, behind a sidecar of its own. */
  const startCallee = async (name: string) => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ name }));
    });
    const port = await freePort();
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    servers.push(server);
    callee = (await sidecars.start(CALLEE, port)).proc;
  };

  const call = async () => {
    const response = await fetch(`http://127.0.0.1:${callerHttp}/v1.0/invoke/${CALLEE}/method/who`);
    const text = await response.text();
    return { status: response.status, text };
  };

  beforeAll(async () => {
    sidecars.prepare();
    await startCallee('first');
    callerHttp = (await sidecars.start('checkout')).http;
  });

  afterAll(async () => {
    await sidecars.stop();
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
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
