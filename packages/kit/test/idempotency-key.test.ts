import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AppError,
  IDEMPOTENCY_KEY_HEADER,
  idempotencyKey,
  idempotencyKeyOf,
  ServiceInvoker,
} from '../src';

/**
 * The invoker's side of safe retries: a mutating call carries its idempotency key, and the
 * invoker itself never repeats a call (daprd's policy is the only retry layer, so retries never
 * nest).
 */
describe('idempotency keys on internal calls', () => {
  const seen: Array<{ method?: string; url?: string; key?: string }> = [];
  let status = 200;
  let server: http.Server;
  let invoker: ServiceInvoker;
  beforeAll(async () => {
    // Records what reaches daprd's invoke endpoint (the HTTP the invoker sends).
    server = http.createServer((req, res) => {
      seen.push({
        method: req.method,
        url: req.url,
        key: req.headers[IDEMPOTENCY_KEY_HEADER] as string,
      });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 200 ? '{"ok":true}' : '{"error":{"code":"UNAVAILABLE","message":"busy"}}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    invoker = new ServiceInvoker({ DAPR_HOST: '127.0.0.1', DAPR_HTTP_PORT: port }, 'callee');
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    seen.length = 0;
    status = 200;
  });

  it('sends the key given to call() in the one header every callee reads', async () => {
    await invoker.call('POST', '/reserve', { body: {}, idempotencyKey: 'order-1:reserve' });
    expect(seen).toEqual([
      { method: 'POST', url: '/v1.0/invoke/callee/method/reserve', key: 'order-1:reserve' },
    ]);
    await invoker.call('GET', '/things');
    expect(seen[1]!.key).toBeUndefined();
  });

  it('makes exactly one attempt when the callee answers 503 (no retry on top of daprd)', async () => {
    status = 503;
    await expect(
      invoker.call('POST', '/charge', { body: {}, idempotencyKey: 'k' }),
    ).rejects.toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    expect(seen).toHaveLength(1);
  });

  it('builds keys from the parts of one effect, always the same for the same parts', () => {
    expect(idempotencyKey('reserve', 'f1c2', 2)).toBe('reserve:f1c2:2');
    expect(() => idempotencyKey('a b')).toThrow();
  });

  it('reads a callee’s key: absent is undefined, malformed is a 400', () => {
    const ctx = (value: string) => ({
      get: (name: string) => (name === IDEMPOTENCY_KEY_HEADER ? value : ''),
    });
    expect(idempotencyKeyOf(ctx(''))).toBeUndefined();
    expect(idempotencyKeyOf(ctx('0b6c3c1e-6f7a-4a39-9d3f-8f2f4d9b1c11'))).toBe(
      '0b6c3c1e-6f7a-4a39-9d3f-8f2f4d9b1c11',
    );
    expect(() => idempotencyKeyOf(ctx('x'.repeat(256)))).toThrow(AppError);
    expect(() => idempotencyKeyOf(ctx('new\nline'))).toThrow(AppError);
  });
});
