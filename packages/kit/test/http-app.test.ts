import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import Router from '@koa/router';
import pino from 'pino';
import { z } from 'zod';
import { AppError, conflict, createServiceApp, parseInput, REDACTED_PATHS } from '../src';

/** The kit's app factory over a real loopback HTTP server (no Dapr needed for the kit itself). */
async function serve(routers: Router[], readiness = {}) {
  const logger = pino({ level: 'silent' });
  const service = createServiceApp({ service: 'kit-test', logger, routers, readiness });
  const server = http.createServer(service.app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, service, close: () => new Promise<void>((r) => server.close(() => r())) };
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
    fetch(`${server.base}${path}`, {
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
    const taken = await fetch(`${server.base}/things/taken`);
    expect(taken.status).toBe(409);
    expect(await taken.json()).toEqual({
      error: { code: 'CONFLICT', message: 'Already there', details: { id: 'taken' } },
    });
    const slow = await fetch(`${server.base}/things/slow`);
    expect(slow.status).toBe(429);
    expect(slow.headers.get('retry-after')).toBe('7');
    const boom = await fetch(`${server.base}/things/boom`);
    expect(boom.status).toBe(500);
    const text = await boom.text();
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text)).toEqual({ error: { code: 'INTERNAL', message: 'Internal error' } });
  });

  it('answers unknown routes and wrong methods with the envelope', async () => {
    const missing = await fetch(`${server.base}/nowhere`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    const wrongMethod = await fetch(`${server.base}/items`);
    expect(wrongMethod.status).toBe(405);
  });

  it('echoes sane request ids and invents one otherwise', async () => {
    const echoed = await fetch(`${server.base}/things/1`, {
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(echoed.headers.get('x-request-id')).toBe('abc-123');
    const invented = await fetch(`${server.base}/things/1`, {
      headers: { 'x-request-id': 'x'.repeat(300) },
    });
    expect(invented.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports readiness per check, and 503 when draining', async () => {
    const res = await fetch(`${server.base}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'not ready', checks: { failing: 'db down' } });
    const ok = await serve([], { fine: () => Promise.resolve() });
    expect((await fetch(`${ok.base}/readyz`)).status).toBe(200);
    ok.service.markDraining();
    const draining = await fetch(`${ok.base}/readyz`);
    expect(draining.status).toBe(503);
    await ok.close();
  });

  it('counts requests by route pattern', async () => {
    await fetch(`${server.base}/things/12345`);
    const metrics = await (await fetch(`${server.base}/metrics`)).text();
    expect(metrics).toContain('route="/things/:id",method="GET",status="200"');
    expect(metrics).not.toContain('12345');
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
