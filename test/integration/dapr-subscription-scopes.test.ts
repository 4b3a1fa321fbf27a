import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { freePort, httpOk, ManagedProcess, waitFor } from '@gomall/devstack';
import { startRedis } from '../../tools/devstack/src/redis';
import { eventually } from './support/eventually';

/**
 * A service that is not a designed subscriber gets no deliveries: a rogue app running as `cart`
 * (which may subscribe to user.deleted only) asks its real daprd, with the repository's components,
 * for user.deleted and user.registered; a real `user` sidecar publishes both. Only user.deleted
 * arrives. Its own Redis, so no consumer group of the shared test mall is touched.
 */
const REPO = resolve(__dirname, '..', '..');
const noExit = () => undefined;

interface Sidecar {
  process: ManagedProcess;
  http: number;
}

describe('pub/sub subscription scopes (real daprd)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gm-subscopes-'));
  const processes: ManagedProcess[] = [];
  let app: Server | undefined;
  const received: string[] = [];

  async function sidecar(appId: string, redisPort: number, config: string, appPort?: number) {
    const [http, grpc, internal, metrics] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    const args = [
      '--mode',
      'standalone',
      '--app-id',
      appId,
      '--dapr-listen-addresses',
      '127.0.0.1',
      '--dapr-http-port',
      String(http),
      '--dapr-grpc-port',
      String(grpc),
      '--dapr-internal-grpc-port',
      String(internal),
      '--metrics-port',
      String(metrics),
      '--resources-path',
      join(REPO, 'dapr-components', 'resources'),
      '--config',
      config,
      '--log-level',
      'warn',
    ];
    if (appPort) {
      args.push('--app-port', String(appPort), '--app-channel-address', '127.0.0.1');
    }
    const process = new ManagedProcess(
      {
        name: `${appId}-daprd`,
        command: globalThis.process.env.DAPRD_BIN!,
        args,
        env: {
          PATH: globalThis.process.env.PATH,
          GOMALL_REDIS_HOST: `127.0.0.1:${redisPort}`,
        },
        cwd: dir,
        logFile: join(dir, 'logs', `${appId}-daprd.log`),
      },
      noExit,
    );
    process.start();
    processes.push(process);
    await waitFor(
      `${appId} daprd`,
      () => httpOk(`http://127.0.0.1:${http}/v1.0/healthz`),
      60_000,
      () => process.alive,
    );
    return { process, http } satisfies Sidecar;
  }

  beforeAll(async () => {
    mkdirSync(join(dir, 'logs'), { recursive: true });
    const redisPort = await freePort();
    processes.push(await startRedis({ dataDir: dir, port: redisPort, onExit: noExit }));
    // The committed Configuration with a name-resolution file of this test's own.
    const config = parse(readFileSync(join(REPO, 'dapr-components', 'config.yaml'), 'utf8')) as {
      spec: { nameResolution: { configuration: { connectionString: string } } };
    };
    config.spec.nameResolution.configuration.connectionString = join(dir, 'nr.db');
    const configPath = join(dir, 'config.yaml');
    writeFileSync(configPath, stringify(config));

    const appPort = await freePort();
    app = createServer((req, res) => {
      if (req.url === '/dapr/subscribe') {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify([
            { pubsubname: 'pubsub', topic: 'user.deleted', route: '/events/user.deleted' },
            // Not a designed subscription of cart: daprd must not make it.
            { pubsubname: 'pubsub', topic: 'user.registered', route: '/events/user.registered' },
          ]),
        );
        return;
      }
      if (req.url?.startsWith('/events/')) received.push(req.url.slice('/events/'.length));
      res.setHeader('content-type', 'application/json');
      res.end('{"status":"SUCCESS"}');
    });
    await new Promise<void>((done) => app!.listen(appPort, '127.0.0.1', done));
    rogue = await sidecar('cart', redisPort, configPath, appPort);
    publisher = await sidecar('user', redisPort, configPath);
  }, 120_000);

  let rogue: Sidecar;
  let publisher: Sidecar;

  afterAll(async () => {
    await Promise.all(processes.reverse().map((p) => p.stop()));
    await new Promise((done) => (app ? app.close(done) : done(undefined)));
    if (process.env.GOMALL_KEEP_TEST_DATA !== '1') rmSync(dir, { recursive: true, force: true });
  });

  it('only the designed subscription is made: user.registered is never delivered to cart', async () => {
    // daprd's metadata lists what the app asked for (both); the scopes decide what is made.
    const metadata = (await (
      await fetch(`http://127.0.0.1:${rogue.http}/v1.0/metadata`)
    ).json()) as { subscriptions?: { topic: string }[] };
    expect((metadata.subscriptions ?? []).map((s) => s.topic).sort()).toEqual([
      'user.deleted',
      'user.registered',
    ]);

    const publish = (topic: string) =>
      fetch(`http://127.0.0.1:${publisher.http}/v1.0/publish/pubsub/${topic}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'scope-probe' }),
      });
    expect((await publish('user.registered')).status).toBe(204);
    expect((await publish('user.deleted')).status).toBe(204);
    // user.deleted, published after user.registered on the same broker, arrives…
    await eventually(() => expect(received).toContain('user.deleted'), 20_000, 200);
    // …and a while later user.registered still has not.
    await new Promise((done) => setTimeout(done, 2000));
    expect(received).not.toContain('user.registered');
  });
});
