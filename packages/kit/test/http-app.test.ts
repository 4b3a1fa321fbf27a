import { request } from 'node:http';
import { Writable } from 'node:stream';
import Router from '@koa/router';
import pino from 'pino';
import { z } from 'zod';
import { AppError, callerOf, conflict, currentContext, parseInput, REDACTED_PATHS } from '../src';
import { APP_TOKEN, startOnLoopback } from './support/loopback';

/** The kit's apps over real loopback HTTP servers (no Dapr needed for the kit itself). */
async function serve(routers: Router[], readiness = {}) {
  const { service, running } = await startOnLoopback(routers, { readiness });
  const base = `http://127.0.0.1:${running.port}`;
  const opsBase = `http://127.0.0.1:${running.opsPort}`;
  /** A request as the sidecar makes it: with the app token. */
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, {
      ...init,
      headers: { 'dapr-api-token': APP_TOKEN, ...(init.headers as Record<string, string>) },
    });
  return { base, opsBase, call, service, close: () => running.shutdown('test') };
}

/** One request by node:http (for methods fetch() will not send), with the app token. */
function rawRequest(url: string, method: string) {
  return new Promise<{ status: number; allow: string | undefined; body: string }>(
    (resolve, reject) => {
      const req = request(url, { method, headers: { 'dapr-api-token': APP_TOKEN } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, allow: res.headers.allow, body }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

const itemSchema = z.strictObject({ quantity: z.number().int().min(1).max(99) });

function testRouter(): Router {
  const router = new Router();
  router.post('/items', (ctx) => {
    ctx.body = parseInput(itemSchema, ctx.request.body, 'body');
  });
  router.get('/things/:id', (ctx) => {
    if (ctx.params.id === 'taken') throw conflict('Already there', { id: 'taken' });
    if (ctx.params.id === 'boom') throw new Error('database password is hunter2');
    if (ctx.params.id === 'slow')
      throw new AppError(429, 'RATE_LIMITED', 'Slow down', undefined, { 'Retry-After': '7' });
    ctx.body = { id: ctx.params.id };
  });
  return router;
}

describe('createServiceApp', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    server = await serve([testRouter()], { failing: () => Promise.reject(new Error('db down')) });
  });
  afterAll(() => server.close());

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    server.call(path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });

  it('validates bodies strictly: unknown fields, wrong types and ranges are 400', async () => {
    expect((await post('/items', '{"quantity":3}')).status).toBe(200);
    for (const body of [
      '{"quantity":3,"userId":"x"}',
      '{"quantity":"3"}',
      '{"quantity":0}',
      '{"quantity":100}',
      '{}',
    ]) {
      const res = await post('/items', body);
      expect(res.status).toBe(400);
      const json = (await res.json()) as {
        error: { code: string; details: Array<{ path: string }> };
      };
      expect(json.error.code).toBe('VALIDATION_FAILED');
      expect(json.error.details[0]!.path).toMatch(/^body/);
    }
  });

  it('answers malformed JSON with 400 and oversized bodies with 413', async () => {
    const bad = await post('/items', '{"quantity":');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: { code: 'VALIDATION_FAILED', message: 'Malformed JSON body' },
    });
    const big = await post('/items', JSON.stringify({ quantity: 1, pad: 'x'.repeat(65 * 1024) }));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe(
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('maps AppErrors to the envelope with details and headers, and hides internal errors', async () => {
    const taken = await server.call(`/things/taken`);
    expect(taken.status).toBe(409);
    expect(await taken.json()).toEqual({
      error: { code: 'CONFLICT', message: 'Already there', details: { id: 'taken' } },
    });
    const slow = await server.call(`/things/slow`);
    expect(slow.status).toBe(429);
    expect(slow.headers.get('retry-after')).toBe('7');
    const boom = await server.call(`/things/boom`);
    expect(boom.status).toBe(500);
    const text = await boom.text();
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text)).toEqual({ error: { code: 'INTERNAL', message: 'Internal error' } });
  });

  it('answers unknown routes and wrong methods with the envelope', async () => {
    const missing = await server.call('/nowhere');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    const wrongMethod = await server.call('/items');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });

  it('answers methods no route knows (PROPFIND, TRACE) on a known path 405 with Allow, elsewhere 404', async () => {
    const propfind = await server.call('/things/1', { method: 'PROPFIND' });
    expect(propfind.status).toBe(405);
    expect(propfind.headers.get('allow')).toBe('HEAD, GET');
    expect(await propfind.json()).toEqual({
      error: { code: 'METHOD_NOT_ALLOWED', message: 'Method not allowed on this path' },
    });
    // fetch() refuses to send TRACE; a plain HTTP request does.
    const trace = await rawRequest(`${server.base}/items`, 'TRACE');
    expect(trace.status).toBe(405);
    expect(trace.allow).toBe('POST');
    expect(JSON.parse(trace.body)).toMatchObject({ error: { code: 'METHOD_NOT_ALLOWED' } });
    const nowhere = await server.call('/nowhere', { method: 'PROPFIND' });
    expect(nowhere.status).toBe(404);
    expect(nowhere.headers.get('allow')).toBeNull();
    expect(((await nowhere.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('echoes sane request ids and invents one otherwise', async () => {
    const echoed = await server.call(`/things/1`, {
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(echoed.headers.get('x-request-id')).toBe('abc-123');
    const invented = await server.call(`/things/1`, {
      headers: { 'x-request-id': 'x'.repeat(300) },
    });
    expect(invented.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports readiness per check, and 503 when draining', async () => {
    const res = await fetch(`${server.opsBase}/readyz`);
    expect(res.status).toBe(503);
    // The reason stays in the log: dependency errors would tell the world hosts and versions.
    expect(await res.json()).toEqual({ status: 'not ready', checks: { failing: 'failed' } });
    const ok = await serve([], { fine: () => Promise.resolve() });
    expect((await fetch(`${ok.opsBase}/readyz`)).status).toBe(200);
    ok.service.markDraining();
    const draining = await fetch(`${ok.opsBase}/readyz`);
    expect(draining.status).toBe(503);
    await ok.close();
  });

  it('counts requests by route pattern', async () => {
    await server.call(`/things/12345`);
    const metrics = await (await fetch(`${server.opsBase}/metrics`)).text();
    expect(metrics).toContain('route="/things/:id",method="GET",status="200"');
    expect(metrics).not.toContain('12345');
  });
});

describe('Dapr app token and the ops port', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    const router = new Router();
    router.get('/whoami', (ctx) => {
      const caller = callerOf(ctx);
      ctx.body = { caller, context: { userId: currentContext()?.userId } };
    });
    server = await serve([router]);
  });
  afterAll(() => server.close());

  it('refuses a request without the app token, whatever identity it claims (401 envelope)', async () => {
    const forged = { 'x-gomall-user-id': 'victim', 'x-gomall-user-roles': 'admin' };
    for (const headers of [
      forged,
      { ...forged, 'dapr-api-token': 'wrong-token' },
      { ...forged, 'dapr-api-token': `${APP_TOKEN}x` },
      { ...forged, 'dapr-api-token': '' },
    ]) {
      const res = await fetch(`${server.base}/whoami`, { headers });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        error: { code: 'UNAUTHENTICATED', message: 'Only the Dapr sidecar may call this service' },
      });
    }
    // Unknown routes too: nothing about the API is told to a caller without the token.
    expect((await fetch(`${server.base}/nowhere`)).status).toBe(401);
  });

  it('believes the identity headers on a request with the app token', async () => {
    const res = await server.call('/whoami', {
      headers: { 'x-gomall-user-id': 'u-1', 'x-gomall-user-roles': 'customer,admin' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      caller: { userId: 'u-1', roles: ['customer', 'admin'] },
      context: { userId: 'u-1' },
    });
    expect((await server.call('/whoami')).status).toBe(401);
  });

  it('serves /healthz, /readyz and /metrics on the ops port only', async () => {
    for (const path of ['/healthz', '/readyz', '/metrics']) {
      expect((await fetch(`${server.opsBase}${path}`)).status).toBe(200);
      expect((await server.call(path)).status).toBe(404);
      expect((await fetch(`${server.base}${path}`)).status).toBe(401);
    }
    expect((await fetch(`${server.opsBase}/whoami`)).status).toBe(404);
  });
});

describe('log redaction', () => {
  it('never writes passwords, tokens, card data or authorization headers', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
    logger.info({
      req: { headers: { authorization: 'Bearer eyJsecret' } },
      body: { password: 'hunter22', card: { number: '4242424242424242', cvv: '123' } },
      refreshToken: 'rt-secret',
      nested: { deeper: { accessToken: 'at-secret' } },
    });
    const out = lines.join('');
    for (const secret of ['eyJsecret', 'hunter22', '4242424242424242', 'rt-secret', 'at-secret']) {
      expect(out).not.toContain(secret);
    }
  });
});
