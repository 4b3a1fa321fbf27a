import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import pino from 'pino';
import {
  createServiceApp,
  DEADLINE_HEADER,
  parseBudget,
  remainingBudget,
  ServiceInvoker,
  type RequestTimeout,
} from '../src';

/**
 * Deadlines: a request is answered 503 when its time runs out, whatever it waits on, and its
 * outgoing calls carry (and are abandoned at) what is left of it.
 */
async function serve(router: Router, requestTimeoutMs?: RequestTimeout) {
  const logger = pino({ level: 'silent' });
  const service = createServiceApp({
    service: 'kit-test',
    logger,
    routers: [router],
    requestTimeoutMs,
    appToken: null,
  });
  const server = http.createServer(service.app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const timed = async (request: Promise<Response>) => {
  const started = Date.now();
  const response = await request;
  return { response, body: await response.json(), ms: Date.now() - started };
};

describe('request deadlines', () => {
  const hang = new Router();
  const seen: Array<string | undefined> = [];
  hang.get('/hang', () => new Promise(() => undefined));
  hang.get('/budget', (ctx) => {
    ctx.body = { remaining: remainingBudget() };
  });
  // A stand-in for a sidecar: records the budget a call carried, then never answers.
  hang.get('/v1.0/invoke/callee/method/hang', async (ctx) => {
    seen.push(ctx.get(DEADLINE_HEADER) || undefined);
    await new Promise(() => undefined);
  });
  let app: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    app = await serve(hang, 2000);
    await fetch(`${app.base}/budget`); // warm up the client, so timings measure the server
  });
  afterAll(() => app.close());

  it('answers a hung handler 503 UNAVAILABLE at its deadline', async () => {
    const { response, body, ms } = await timed(fetch(`${app.base}/hang`));
    expect(response.status).toBe(503);
    expect(body).toEqual({ error: { code: 'UNAVAILABLE', message: expect.any(String) } });
    expect(ms).toBeGreaterThanOrEqual(1950);
    expect(ms).toBeLessThan(6000);
  });

  it("takes a caller's shorter budget, never a longer one", async () => {
    const short = await timed(fetch(`${app.base}/hang`, { headers: { [DEADLINE_HEADER]: '200' } }));
    expect(short.response.status).toBe(503);
    expect(short.ms).toBeLessThan(1500);
    const long = await fetch(`${app.base}/budget`, { headers: { [DEADLINE_HEADER]: '50000' } });
    expect(((await long.json()) as { remaining: number }).remaining).toBeLessThanOrEqual(2000);
  });

  it('ignores a malformed budget', () => {
    expect(parseBudget('abc')).toBeUndefined();
    expect(parseBudget('0')).toBeUndefined();
    expect(parseBudget('-5')).toBeUndefined();
    expect(parseBudget('250')).toBe(250);
    expect(parseBudget('999999')).toBe(60_000);
  });

  it('passes what is left of the budget to a callee and abandons the call at the deadline', async () => {
    const invoker = new ServiceInvoker(
      { DAPR_HOST: '127.0.0.1', DAPR_HTTP_PORT: app.port },
      'callee',
    );
    const outer = new Router();
    outer.get('/outer', async (ctx) => {
      ctx.body = await invoker.call('GET', '/hang');
    });
    const caller = await serve(outer, 1000);
    try {
      const { response, ms } = await timed(fetch(`${caller.base}/outer`));
      expect(response.status).toBe(503);
      expect(ms).toBeLessThan(1800); // the callee (deadline 2 s) never answered
      const passed = Number(seen.at(-1));
      expect(passed).toBeGreaterThan(0);
      expect(passed).toBeLessThan(1000);
    } finally {
      await caller.close();
    }
  });
});
